package org.jcn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;

import org.junit.jupiter.api.Test;

/**
 * The start-up script for JJava compiles against the protocol library JJava is built on (the same version as
 * ours), and gets as far as asking for the running kernel. IJava's script cannot be checked here: IJava is on no
 * registry this project can reach.
 */
class OtherKernelsTest {

    @Test
    void theJJavaRendererScriptCompilesAgainstJJavasRendererApi() throws Exception {
        String script = Files.readString(Path.of("jjava-renderers.jshell"));
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            for (String entry : classPath.split(File.pathSeparator)) {
                shell.addToClasspath(entry);
            }
            String block = script.lines().filter(l -> !l.startsWith("//")).reduce("", (a, b) -> a + b + "\n");
            List<SnippetEvent> events = shell.eval(block.strip());
            SnippetEvent event = events.get(0);
            assertEquals(Snippet.Status.VALID, event.status(),
                    () -> shell.diagnostics(event.snippet()).map(d -> d.getMessage(null)).toList().toString());
            EvalException thrown = assertInstanceOf(EvalException.class, event.exception());
            assertTrue(thrown.getMessage().contains("No kernel running"), thrown.getMessage());
        }
    }
}
