using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Drafting;

/// <summary>
/// An OpenAI-compatible chat-completions server on 127.0.0.1 (Kestrel, real HTTP), scripted per test: each request
/// takes the next queued <see cref="ModelReply"/> and answers as JSON, or as server-sent events when the request asks
/// to stream. Every request is recorded with its path, headers and body. Optionally HTTPS with a throw-away
/// certificate, trusted only through <see cref="CreateTrustingHandler"/>.
/// </summary>
public sealed class LoopbackModelServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly X509Certificate2? certificate;
    private readonly ConcurrentQueue<ModelReply> replies = new();
    private readonly ConcurrentQueue<ModelRequest> requests = new();
    private readonly CancellationTokenSource stopping = new();

    private LoopbackModelServer(WebApplication app, X509Certificate2? certificate)
    {
        this.app = app;
        this.certificate = certificate;
        app.MapPost("/{**path}", HandleAsync);
    }

    /// <summary>e.g. http://127.0.0.1:41235 (no trailing slash).</summary>
    public string BaseAddress { get; private set; } = "";

    /// <summary>The OpenAI root to configure for a compatible server: BaseAddress + "/v1/".</summary>
    public string Endpoint => BaseAddress + "/v1/";

    public IReadOnlyList<ModelRequest> Requests => [.. requests];

    public static async Task<LoopbackModelServer> StartAsync(bool https = false)
    {
        var certificate = https ? CreateCertificate() : null;
        var server = new LoopbackModelServer(LoopbackHost.CreateBuilder(certificate).Build(), certificate);
        await server.app.StartAsync();
        server.BaseAddress = LoopbackHost.Address(server.app);
        return server;
    }

    public void Enqueue(params ModelReply[] scripted)
    {
        foreach (var reply in scripted)
            replies.Enqueue(reply);
    }

    /// <summary>A handler that trusts this server's certificate (pinned by thumbprint) and nothing else.</summary>
    public HttpMessageHandler CreateTrustingHandler()
    {
        var thumbprint = certificate?.Thumbprint ?? throw new InvalidOperationException("The server was started without HTTPS.");
        return new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, presented, _, _) => presented is X509Certificate2 cert && cert.Thumbprint == thumbprint,
            },
        };
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        certificate?.Dispose();
        stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var request = new ModelRequest(
            context.Request.Path.Value ?? "",
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body,
            DateTimeOffset.UtcNow);
        requests.Enqueue(request);

        if (!replies.TryDequeue(out var reply))
            reply = ModelReply.Status(500, "{\"error\":{\"message\":\"unscripted request\",\"type\":\"test\"}}");

        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping.Token);
        try
        {
            await reply.WriteAsync(context, request, aborted.Token);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client gave up (a timeout under test) or the server is stopping.
        }
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), password: null);
    }
}

/// <summary>A request the server received.</summary>
public sealed record ModelRequest(string Path, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset ReceivedAt)
{
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();

    public bool Stream => Json["stream"]?.GetValue<bool>() == true;

    public string Model => Json["model"]!.GetValue<string>();

    public IReadOnlyList<(string Role, string Content)> Messages =>
        [.. Json["messages"]!.AsArray().Select(m => (m!["role"]!.GetValue<string>(), Content(m["content"])))];

    public string SystemMessage => Messages.Single(m => m.Role == "system").Content;

    /// <summary>The first user message: the task with the unit's data.</summary>
    public string TaskMessage => Messages.First(m => m.Role == "user").Content;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    // The SDK may send content as a string or as an array of text parts.
    private static string Content(JsonNode? content) => content switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p!["text"]?.GetValue<string>() ?? "")),
        _ => "",
    };
}

/// <summary>One scripted answer.</summary>
public abstract record ModelReply
{
    /// <summary>A normal answer, in these pieces when streamed (joined when not).</summary>
    public static ModelReply Text(params string[] chunks) => new TextReply(chunks, "stop", new Usage(812, 143));

    /// <summary>An answer cut by the output cap (finish_reason "length").</summary>
    public static ModelReply Truncated(params string[] chunks) => new TextReply(chunks, "length", new Usage(812, 64));

    public static ModelReply Status(int status, string? body = null, string? retryAfter = null) => new StatusReply(status, body, retryAfter);

    /// <summary>Accepts the request and never answers.</summary>
    public static ModelReply Hang() => new HangReply();

    /// <summary>A 200 with this body as is (a broken JSON document, or broken event stream).</summary>
    public static ModelReply Raw(string contentType, string body) => new RawReply(contentType, body);

    /// <summary><paramref name="reply"/>, after a pause (a model that takes its time).</summary>
    public static ModelReply Delayed(TimeSpan delay, ModelReply reply) => new DelayedReply(delay, reply);

    public abstract Task WriteAsync(HttpContext context, ModelRequest request, CancellationToken cancellationToken);

    public sealed record Usage(int Prompt, int Completion);

    private sealed record TextReply(string[] Chunks, string FinishReason, Usage Tokens) : ModelReply
    {
        public override async Task WriteAsync(HttpContext context, ModelRequest request, CancellationToken cancellationToken)
        {
            var model = request.Model;
            if (!request.Stream)
            {
                await context.Response.WriteAsJsonAsync(new JsonObject
                {
                    ["id"] = "chatcmpl-loopback",
                    ["object"] = "chat.completion",
                    ["created"] = 1_700_000_000,
                    ["model"] = model,
                    ["choices"] = new JsonArray(new JsonObject
                    {
                        ["index"] = 0,
                        ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = string.Concat(Chunks) },
                        ["finish_reason"] = FinishReason,
                    }),
                    ["usage"] = UsageJson(),
                }, cancellationToken);
                return;
            }

            context.Response.ContentType = "text/event-stream";
            await Event(context, Chunk(model, new JsonObject { ["role"] = "assistant", ["content"] = "" }, null), cancellationToken);
            foreach (var piece in Chunks)
            {
                // A pause between pieces, so the client sees them arrive one by one.
                await Task.Delay(15, cancellationToken);
                await Event(context, Chunk(model, new JsonObject { ["content"] = piece }, null), cancellationToken);
            }

            await Event(context, Chunk(model, new JsonObject(), FinishReason), cancellationToken);
            if (request.Json["stream_options"]?["include_usage"]?.GetValue<bool>() == true)
            {
                var usage = Chunk(model, null, null);
                usage["choices"] = new JsonArray();
                usage["usage"] = UsageJson();
                await Event(context, usage, cancellationToken);
            }

            await context.Response.WriteAsync("data: [DONE]\n\n", cancellationToken);
        }

        private JsonObject UsageJson() => new()
        {
            ["prompt_tokens"] = Tokens.Prompt,
            ["completion_tokens"] = Tokens.Completion,
            ["total_tokens"] = Tokens.Prompt + Tokens.Completion,
        };

        private static JsonObject Chunk(string model, JsonObject? delta, string? finishReason)
        {
            var chunk = new JsonObject
            {
                ["id"] = "chatcmpl-loopback",
                ["object"] = "chat.completion.chunk",
                ["created"] = 1_700_000_000,
                ["model"] = model,
            };
            if (delta is not null)
            {
                chunk["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finishReason });
            }

            return chunk;
        }

        private static async Task Event(HttpContext context, JsonObject data, CancellationToken cancellationToken)
        {
            await context.Response.WriteAsync("data: " + data.ToJsonString(JsonSerializerOptions.Web) + "\n\n", cancellationToken);
            await context.Response.Body.FlushAsync(cancellationToken);
        }
    }

    private sealed record StatusReply(int Code, string? Body, string? RetryAfter) : ModelReply
    {
        public override async Task WriteAsync(HttpContext context, ModelRequest request, CancellationToken cancellationToken)
        {
            context.Response.StatusCode = Code;
            if (RetryAfter is not null)
                context.Response.Headers.RetryAfter = RetryAfter;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(Body ?? "{\"error\":{\"message\":\"scripted failure\",\"type\":\"server_error\"}}", cancellationToken);
        }
    }

    private sealed record HangReply : ModelReply
    {
        public override Task WriteAsync(HttpContext context, ModelRequest request, CancellationToken cancellationToken) =>
            Task.Delay(Timeout.Infinite, cancellationToken);
    }

    private sealed record DelayedReply(TimeSpan Delay, ModelReply Reply) : ModelReply
    {
        public override async Task WriteAsync(HttpContext context, ModelRequest request, CancellationToken cancellationToken)
        {
            await Task.Delay(Delay, cancellationToken);
            await Reply.WriteAsync(context, request, cancellationToken);
        }
    }

    private sealed record RawReply(string ContentType, string Body) : ModelReply
    {
        public override async Task WriteAsync(HttpContext context, ModelRequest request, CancellationToken cancellationToken)
        {
            context.Response.ContentType = ContentType;
            await context.Response.WriteAsync(Body, cancellationToken);
        }
    }
}
