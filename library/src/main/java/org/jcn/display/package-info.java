/**
 * Charts and tables for notebooks: {@link org.jcn.display.Charts} builds XChart charts in the project's house
 * style and renders them as PNG images, {@link org.jcn.display.Tables} turns rows into Tablesaw tables. Results of
 * the measuring classes convert themselves ({@code toChart()}, {@code toTable()}); these are for the reader's own
 * data. {@link org.jcn.display.Display} holds the display functions every cell of the project's kernel has
 * statically imported ({@code display}, {@code updateDisplay}, {@code render}, {@code clearOutput}).
 */
package org.jcn.display;
