package org.jcn.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Not API. Names, on an internal package's {@code package-info.java}, the only packages outside it that may use it.
 * The build holds the code to it ({@code ArchitectureTest}): a use from any other package fails the tests, so the
 * boundary is written once, next to the package's description, and cannot drift from the code.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PACKAGE)
public @interface UsedBy {

    /** The packages allowed to use the annotated one, by full name; each one's subpackages are not included. */
    String[] value();
}
