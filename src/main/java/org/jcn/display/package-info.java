/**
 * Charts and tables for notebooks: {@link org.jcn.display.Charts} builds XChart charts in the project's house
 * style and renders them as PNG images, {@link org.jcn.display.Tables} turns rows into Tablesaw tables. Results of
 * the measuring classes convert themselves ({@code toChart()}, {@code toTable()}); these are for the reader's own
 * data.
 */
package org.jcn.display;
