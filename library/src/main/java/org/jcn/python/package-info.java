/**
 * The real Python beside Java: {@link org.jcn.python.Python} finds an interpreter and runs a program or a snippet
 * in it, with its output in the calling cell, so lessons can measure Python's threads and processes next to
 * Java's.
 */
package org.jcn.python;
