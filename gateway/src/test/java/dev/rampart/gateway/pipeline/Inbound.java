package dev.rampart.gateway.pipeline;

import static dev.rampart.gateway.pipeline.StageFixtures.await;

import dev.rampart.gateway.openai.Endpoint;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Real inbound requests for the stages that need one: a Vert.x server on a loopback port chosen by the OS hands each
 * request to the test's server side, and a Vert.x client sends it.
 */
final class Inbound implements AutoCloseable {
    /** What the client received. */
    record Reply(int status, MultiMap headers, String body) {
    }

    private final HttpServer server;
    private final HttpClientAgent client;
    private volatile Handler<HttpServerRequest> serverSide = request -> request.response().setStatusCode(500).end();

    Inbound(Vertx vertx) {
        this.server = await(vertx.createHttpServer().requestHandler(r -> serverSide.handle(r)).listen(0, "127.0.0.1"));
        this.client = vertx.createHttpClient();
    }

    int port() {
        return server.actualPort();
    }

    /**
     * Sends a request and answers it with {@code serverSide}; returns what the client received.
     *
     * @param chunked send the body chunked (no {@code Content-Length})
     */
    Reply exchange(String path, MultiMap headers, Buffer body, boolean chunked, Handler<HttpServerRequest> serverSide) {
        this.serverSide = serverSide;
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port())
                .setURI(path).setHeaders(headers);
        return await(client.request(options).compose(request -> {
            if (chunked) {
                request.setChunked(true);
            }
            return request.send(body).compose(response -> response.body()
                    .map(b -> new Reply(response.statusCode(), response.headers(), b.toString())));
        }));
    }

    /**
     * Runs a stage on a real inbound request ({@code Content-Type: application/json}) and returns how the stage's
     * future completed; the response is then ended with 204 unless the stage wrote one.
     */
    <T> AsyncResult<T> run(Endpoint endpoint, MultiMap headers, Buffer body, boolean chunked,
                           Function<ClientCall, Future<T>> stage) {
        CompletableFuture<AsyncResult<T>> outcome = new CompletableFuture<>();
        MultiMap all = MultiMap.caseInsensitiveMultiMap().set("content-type", "application/json").setAll(headers);
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port())
                .setURI(endpoint.path()).setHeaders(all);
        this.serverSide = request -> stage.apply(ClientCall.start(endpoint, request)).onComplete(ar -> {
            outcome.complete(ar);
            if (!request.response().ended() && !request.response().closed()) {
                request.response().setStatusCode(204).end();
            }
        });
        client.request(options).compose(request -> {
            if (chunked) {
                request.setChunked(true);
            }
            return request.send(body);
        }); // the client's view does not matter here: the server may close the connection early
        try {
            return outcome.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("the stage did not complete within 10 s", e);
        }
    }

    @Override
    public void close() {
        await(client.close());
        await(server.close());
    }
}
