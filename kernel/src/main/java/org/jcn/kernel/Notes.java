package org.jcn.kernel;

import java.util.List;
import java.util.stream.Collectors;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.JShell;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
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

    /**
     * What a redefinition did to a snippet that depended on the one replaced, or null when it changed nothing a
     * learner sees: "class P was replaced: variable p was reset to null". JShell recompiles a variable whose
     * declaration names the replaced type without running its initializer again.
     */
    static String update(JShell shell, SnippetEvent event) {
        if (!(event.snippet() instanceof DeclarationSnippet declaration) || event.causeSnippet() == null) {
            return null;
        }
        Snippet.Status status = event.status();
        if (status == Snippet.Status.OVERWRITTEN || status == Snippet.Status.DROPPED
                || event.previousStatus() == Snippet.Status.NONEXISTENT) {
            return null;
        }
        String cause = event.causeSnippet() instanceof DeclarationSnippet replaced ? describe(replaced) : "a snippet";
        if (status.isDefined() && declaration instanceof VarSnippet var) {
            String type = var.typeName();
            String reset = switch (type) {
                case "boolean" -> "false";
                case "int", "long", "short", "byte", "char", "float", "double" -> "0";
                default -> "null";
            };
            return cause + " was replaced: variable " + var.name() + " was reset to " + reset
                    + " (run the cell that sets it again)";
        }
        if (!status.isDefined()) {
            return cause + " was replaced: " + unresolved(shell, declaration).replace(" is defined, but", "");
        }
        return null;
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
