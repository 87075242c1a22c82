package org.jcn.internal.cell;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jcn.internal.cell.CellWork.Handle;

/**
 * The work tracked per owner (a cell), with the function, fixed at construction, that names the owner of the
 * calling thread. {@link CellWork} holds the one registry of the JVM; tests build their own. Thread safe.
 */
final class CellRegistry {

    /** The owner of work started where the owner function names none (outside the project's kernel). */
    private static final Object DEFAULT_OWNER = new Object();

    private final Map<Object, CellScope> scopes = new ConcurrentHashMap<>();
    private final Supplier<Object> owners;

    /** @param ownerOfCallingThread cheap, never throws, may return null for "no cell" */
    CellRegistry(Supplier<Object> ownerOfCallingThread) {
        this.owners = ownerOfCallingThread;
    }

    void track(Handle handle) {
        scopes.computeIfAbsent(owner(), owner -> new CellScope()).add(handle);
    }

    List<String> running() {
        CellScope scope = current();
        return scope == null ? List.of() : scope.unfinished().stream().map(Handle::description).toList();
    }

    void awaitAll() throws InterruptedException {
        CellScope scope = current();
        if (scope == null) {
            return;
        }
        try {
            scope.await();
        } catch (InterruptedException e) {
            scope.cancel(Duration.ZERO);
            throw e;
        }
    }

    List<String> cancelAll(Duration grace) {
        CellScope scope = current();
        return scope == null ? List.of() : scope.cancel(grace);
    }

    List<Handle> unfinished(Object owner) {
        CellScope scope = scopes.get(owner);
        return scope == null ? List.of() : scope.unfinished();
    }

    List<String> cancel(Object owner, Duration grace) {
        CellScope scope = scopes.get(owner);
        return scope == null ? List.of() : scope.cancel(grace);
    }

    void forget(Object owner) {
        scopes.remove(owner);
    }

    private Object owner() {
        Object owner = owners.get();
        return owner == null ? DEFAULT_OWNER : owner;
    }

    private CellScope current() {
        return scopes.get(owner());
    }
}
