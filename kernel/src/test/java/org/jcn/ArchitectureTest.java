package org.jcn;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.jcn.internal.UsedBy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package boundaries, held against the compiled classes: each {@code org.jcn.internal} package is used only by
 * the packages its {@code package-info.java} names with {@link UsedBy}, every package says what it is for, the
 * library never uses the kernel, and no two features use each other, directly or round a longer cycle.
 */
class ArchitectureTest {

    private static final String INTERNAL = "org.jcn.internal";
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.jcn");
    }

    @Test
    void eachInternalPackageIsUsedOnlyByThePackagesItsPackageInfoNames() {
        TreeMap<String, List<String>> users = internalPackagesAndTheirUsers();
        assertFalse(users.isEmpty(), "no internal packages found: is the class path right?");
        List<String> violations = new ArrayList<>();
        users.forEach((pkg, allowed) -> {
            List<String> mayUse = new ArrayList<>(allowed);
            mayUse.add(pkg);
            EvaluationResult result = noClasses().that().resideOutsideOfPackages(mayUse.toArray(String[]::new))
                    .and().doNotHaveSimpleName("package-info")
                    .should().dependOnClassesThat().resideInAPackage(pkg)
                    .because(pkg + "'s package-info.java names its only users: " + allowed)
                    .evaluate(classes);
            result.getFailureReport().getDetails().forEach(d -> violations.add(pkg + " used outside "
                    + allowed + ": " + d));
        });
        assertEquals(List.of(), violations, "add the user to the package's @UsedBy only if the design says so");
    }

    @Test
    void everyPackageIsDescribedAndEveryInternalOneNamesItsUsers() {
        List<String> missing = new ArrayList<>();
        for (JavaPackage pkg : classes.getPackage("org.jcn").getSubpackagesInTree()) {
            if (pkg.getClasses().stream().noneMatch(c -> !c.getSimpleName().equals("package-info"))) {
                continue;
            }
            if (pkg.tryGetPackageInfo().isEmpty()) {
                missing.add(pkg.getName() + " has no package-info.java");
            } else if (pkg.getName().startsWith(INTERNAL) && usedBy(pkg).isEmpty()) {
                missing.add(pkg.getName() + "'s package-info.java does not name its users with @UsedBy");
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void theLibraryNeverUsesTheKernel() {
        noClasses().that().resideOutsideOfPackage("org.jcn.kernel..")
                .should().dependOnClassesThat().resideInAPackage("org.jcn.kernel..")
                .because("the library finds the kernel through org.jcn.internal.Kernels and a service file only,"
                        + " so child JVMs and other kernels never need the kernel's classes")
                .check(classes);
    }

    @Test
    void featuresHaveNoCycles() {
        slices().assignedFrom(FEATURES).should().beFreeOfCycles().check(classes);
    }

    /**
     * A public package together with the internal package that implements it (its exceptions and function types are
     * the public package's, so the two use each other by design); every other package on its own.
     */
    private static final SliceAssignment FEATURES = new SliceAssignment() {
        private static final Map<String, String> IMPLEMENTS = Map.of("process", "processes", "python", "python",
                "task", "tasks", "server", "server", "display", "display", "measure", "measure");

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            if (!c.getPackageName().startsWith("org.jcn.")) {
                return SliceIdentifier.ignore();
            }
            String[] parts = c.getPackageName().substring("org.jcn.".length()).split("\\.");
            if (!parts[0].equals("internal") || parts.length == 1) {
                return SliceIdentifier.of(parts[0]);
            }
            return SliceIdentifier.of(IMPLEMENTS.getOrDefault(parts[1], "internal." + parts[1]));
        }

        @Override
        public String getDescription() {
            return "features (a public package with the internal package that implements it)";
        }
    };

    private static TreeMap<String, List<String>> internalPackagesAndTheirUsers() {
        TreeMap<String, List<String>> users = new TreeMap<>();
        for (JavaPackage pkg : classes.getPackage(INTERNAL).getSubpackagesInTree()) {
            usedBy(pkg).ifPresent(names -> users.put(pkg.getName(), names));
        }
        usedBy(classes.getPackage(INTERNAL)).ifPresent(names -> users.put(INTERNAL, names));
        return users;
    }

    private static Optional<List<String>> usedBy(JavaPackage pkg) {
        return pkg.tryGetPackageInfo().flatMap(info -> info.getAnnotations().stream()
                .filter(a -> a.getRawType().isEquivalentTo(UsedBy.class)).findFirst())
                .flatMap(a -> a.get("value"))
                .map(value -> Arrays.asList((String[]) value));
    }
}
