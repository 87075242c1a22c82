package org.jcn.internal.server;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** A response body subscriber that counts the bytes and keeps none of them. */
public final class ByteCounter implements HttpResponse.BodySubscriber<Long> {

    private final CompletableFuture<Long> result = new CompletableFuture<>();
    private long count; // touched only by the subscriber's signals, which the Flow protocol serialises

    @Override
    public CompletionStage<Long> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            count += buffer.remaining();
        }
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(count);
    }
}
