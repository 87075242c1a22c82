package org.jcn.internal.process;

import java.io.IOException;
import java.io.NotSerializableException;
import java.util.concurrent.Callable;

import org.jcn.processes.SerializableFunction;
import org.jcn.processes.SerializableRunnable;

/**
 * In a child: runs a task's function, and encodes what came of it, a value or a failure, so that the parent gets
 * as much of a failure as can travel.
 *
 * <p>Runs in the child on its start-up path: no lambdas, no string concatenation (see {@link ChildMain}).
 */
final class Outcomes {

    private Outcomes() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Object invoke(Object function, Object argument) throws Exception {
        if (function instanceof DirectCall call) {
            return call.call(argument);
        } else if (function instanceof SerializableFunction f) {
            return f.apply(argument);
        } else if (function instanceof Callable c) {
            return c.call();
        } else if (function instanceof SerializableRunnable r) {
            r.run();
            return null;
        }
        throw new IllegalArgumentException("not a task: ".concat(String.valueOf(function)));
    }

    /** The failure to send for a result that can't be encoded. */
    static NotSerializableException unsendable(Object value, IOException why) {
        return new NotSerializableException(new StringBuilder().append("the result, a ")
                .append(value.getClass().getName()).append(", can't be sent back to the parent JVM: ").append(why)
                .toString());
    }

    static byte[] encodeFailure(Throwable thrown) throws IOException {
        Throwable failure = thrown;
        if (thrown.getClass() == NullPointerException.class && thrown.getMessage() != null) {
            // Its helpful message ("... because "x" is null") is worked out from this JVM's bytecode when first
            // asked for, and a deserialized copy can't: send a copy that carries it.
            failure = new NullPointerException(thrown.getMessage());
            failure.setStackTrace(thrown.getStackTrace());
        }
        try {
            return Codec.encode(failure);
        } catch (IOException e) {
            // The exception holds something that can't be serialized: keep its class, message and stack trace.
            RuntimeException copy = new RuntimeException(new StringBuilder().append(failure.getClass().getName())
                    .append(": ").append(failure.getMessage()).toString());
            copy.setStackTrace(failure.getStackTrace());
            return Codec.encode(copy);
        }
    }
}
