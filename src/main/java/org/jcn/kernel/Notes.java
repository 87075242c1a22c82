package org.jcn.kernel;

import java.util.List;
import java.util.stream.Collectors;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.JShell;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.VarSnippet;

/** JShell's remarks that are not errors, in words a learner reads in the cell. */
final class Notes {

    private Notes() {
    }

    /** "method f() is defined, but cannot be invoked until variable y is declared", and the like. */
    static String unresolved(JShell shell, Snippet snippet) {
        if (!(snippet instanceof DeclarationSnippet declaration)) {
            return "this code refers to something that is not declared yet";
        }
        List<String> missing = shell.unresolvedDependencies(declaration).toList();
        String what = describe(declaration);
        String verb = declaration instanceof MethodSnippet ? "invoked" : "used";
        String until = missing.isEmpty() ? "what it refers to is declared"
                : missing.stream().collect(Collectors.joining(", ")) + (missing.size() == 1 ? " is" : " are")
                        + " declared";
        return what + " is defined, but cannot be " + verb + " until " + until;
    }

    private static String describe(DeclarationSnippet declaration) {
        if (declaration instanceof MethodSnippet method) {
            return "method " + method.name() + "(" + method.parameterTypes() + ")";
        }
        if (declaration instanceof VarSnippet var) {
            return "variable " + var.name();
        }
        if (declaration instanceof TypeDeclSnippet type) {
            return "class " + type.name();
        }
        return declaration.name();
    }
}
