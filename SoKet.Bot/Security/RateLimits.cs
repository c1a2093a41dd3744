using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace SoKet.Bot.Security;

/// <summary>At most <see cref="Permits"/> at once, then one more every <see cref="Window"/> / <see cref="Permits"/> (a token bucket).</summary>
public sealed class RateLimitRule
{
    public int Permits { get; set; }

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    internal TokenBucketRateLimiterOptions ToBucket() => new()
    {
        TokenLimit = Permits,
        TokensPerPeriod = 1,
        // A refill of one token every Window/Permits spreads the rate evenly instead of granting a full burst each window.
        ReplenishmentPeriod = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, Window.Ticks / Permits)),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}

/// <summary>
/// Section "RateLimits". Per caller address before anything is read (the framework's rate limiting middleware),
/// per user once the channel has said who it is (web chat token, Teams from.id after the token is validated).
/// Limits are per process: with several instances behind a load balancer, each counts on its own.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>POST /api/messages per caller address. The Bot Connector delivers every Teams user's activities from a few addresses, so this is high.</summary>
    public RateLimitRule ChannelPerAddress { get; set; } = new() { Permits = 3000 };

    /// <summary>Web chat requests (token, conversation, messages, uploads, downloads) per caller address; an office behind one NAT address shares it.</summary>
    public RateLimitRule WebChatPerAddress { get; set; } = new() { Permits = 600 };

    /// <summary>Web chat polls (GET activities) per caller address and conversation: Web Chat polls once a second.</summary>
    public RateLimitRule PollsPerConversation { get; set; } = new() { Permits = 300 };

    /// <summary>Turns (messages, card buttons, invokes, uploads) per user. A person types and clicks far slower than this.</summary>
    public RateLimitRule TurnsPerUser { get; set; } = new() { Permits = 30 };

    /// <summary>Web chat uploads per user.</summary>
    public RateLimitRule UploadsPerUser { get; set; } = new() { Permits = 20, Window = TimeSpan.FromHours(1) };

    /// <summary>How often a user who is being held back is told so by a chat message (the HTTP answer says it every time).</summary>
    public TimeSpan NoticeInterval { get; set; } = TimeSpan.FromMinutes(1);
}

internal sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var errors = new List<string>();
        void Check(string key, RateLimitRule rule)
        {
            if (rule.Permits is < 1 or > 1_000_000)
                errors.Add($"{RateLimitOptions.Section}:{key}:Permits must be between 1 and 1000000.");
            if (rule.Window < TimeSpan.FromSeconds(1) || rule.Window > TimeSpan.FromDays(1))
                errors.Add($"{RateLimitOptions.Section}:{key}:Window must be between 00:00:01 and 1.00:00:00.");
        }
        Check(nameof(options.ChannelPerAddress), options.ChannelPerAddress);
        Check(nameof(options.WebChatPerAddress), options.WebChatPerAddress);
        Check(nameof(options.PollsPerConversation), options.PollsPerConversation);
        Check(nameof(options.TurnsPerUser), options.TurnsPerUser);
        Check(nameof(options.UploadsPerUser), options.UploadsPerUser);
        if (options.NoticeInterval < TimeSpan.FromSeconds(1) || options.NoticeInterval > TimeSpan.FromHours(1))
            errors.Add($"{RateLimitOptions.Section}:NoticeInterval must be between 00:00:01 and 01:00:00.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>What a caller held back is told, in Vietnamese, with the Bot Framework error shape.</summary>
public static class RateLimitAnswers
{
    public const string Code = "TooManyRequests";

    public static string Text(TimeSpan? retryAfter) =>
        retryAfter is { } wait && wait > TimeSpan.Zero
            ? $"Đồng chí gửi yêu cầu quá nhanh. Vui lòng chờ {Seconds(wait)} giây rồi thử lại."
            : "Đồng chí gửi yêu cầu quá nhanh. Vui lòng chờ trong giây lát rồi thử lại.";

    public static int Seconds(TimeSpan wait) => (int)Math.Max(1, Math.Ceiling(wait.TotalSeconds));

    /// <summary>429 with Retry-After and {"error":{"code","message"}}.</summary>
    public static IResult Result(TimeSpan? retryAfter) => new TooManyRequests(retryAfter);

    public static TimeSpan? RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : null;

    private sealed class TooManyRequests(TimeSpan? retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            if (retryAfter is { } wait)
                httpContext.Response.Headers.RetryAfter = Seconds(wait).ToString(CultureInfo.InvariantCulture);
            return Results.Json(new JsonObject { ["error"] = new JsonObject { ["code"] = Code, ["message"] = Text(retryAfter) } },
                statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(httpContext);
        }
    }
}

/// <summary>
/// Per-user limits, taken by the channel endpoints once they know who is speaking (a user is only known after
/// authentication, which the middleware runs before). Built on System.Threading.RateLimiting, the same limiters
/// ASP.NET Core's middleware uses; idle users' buckets are dropped by the partitioned limiter itself.
/// </summary>
public sealed class UserRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _turns;
    private readonly PartitionedRateLimiter<string> _uploads;
    private readonly PartitionedRateLimiter<string> _notices;
    private readonly bool _enabled;

    public UserRateLimiter(IOptions<RateLimitOptions> options)
    {
        var value = options.Value;
        _enabled = value.Enabled;
        _turns = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => value.TurnsPerUser.ToBucket()));
        _uploads = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => value.UploadsPerUser.ToBucket()));
        var notice = new RateLimitRule { Permits = 1, Window = value.NoticeInterval };
        _notices = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => notice.ToBucket()));
    }

    public static string Key(string? channelId, string userId) => $"{channelId}|{userId}";

    /// <summary>Null when the turn may run; else how long the user should wait (null wait inside means "a moment").</summary>
    public Refusal? TryTurn(string key) => Take(_turns, key);

    public Refusal? TryUpload(string key) => Take(_uploads, key);

    /// <summary>True at most once per notice interval per user: a held-back user is told in the chat, not flooded with notices.</summary>
    public bool ShouldNotify(string key)
    {
        using var lease = _notices.AttemptAcquire(key);
        return lease.IsAcquired;
    }

    private Refusal? Take(PartitionedRateLimiter<string> limiter, string key)
    {
        if (!_enabled)
            return null;
        using var lease = limiter.AttemptAcquire(key);
        return lease.IsAcquired ? null : new Refusal(RateLimitAnswers.RetryAfter(lease));
    }

    public void Dispose()
    {
        _turns.Dispose();
        _uploads.Dispose();
        _notices.Dispose();
    }

    public sealed record Refusal(TimeSpan? RetryAfter)
    {
        public string Text => RateLimitAnswers.Text(RetryAfter);
    }
}

/// <summary>The per-address limits of the rate limiting middleware, chosen by path: nothing is read before they pass.</summary>
internal static class AddressRateLimits
{
    private const string WebChatPrefix = "/v3/directline";

    public static PartitionedRateLimiter<HttpContext> Create(RateLimitOptions options) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var address = Address(context.Connection.RemoteIpAddress);
            var path = context.Request.Path;
            if (path.StartsWithSegments("/api/messages"))
                return RateLimitPartition.GetTokenBucketLimiter("messages|" + address, _ => options.ChannelPerAddress.ToBucket());
            if (path.StartsWithSegments(WebChatPrefix, out var rest) && HttpMethods.IsGet(context.Request.Method) && IsPoll(rest, out var conversation))
                return RateLimitPartition.GetTokenBucketLimiter($"poll|{address}|{conversation}", _ => options.PollsPerConversation.ToBucket());
            if (path.StartsWithSegments(WebChatPrefix) || path.StartsWithSegments("/api/webchat") || path.StartsWithSegments("/api/files") || path.StartsWithSegments("/api/editor"))
                return RateLimitPartition.GetTokenBucketLimiter("webchat|" + address, _ => options.WebChatPerAddress.ToBucket());
            // The page, its scripts and the health check cost nothing worth limiting.
            return RateLimitPartition.GetNoLimiter("static");
        });

    internal static string Address(IPAddress? address)
    {
        if (address is null)
            return "unknown";
        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }

    // "/conversations/{id}/activities"
    private static bool IsPoll(PathString rest, out string conversation)
    {
        conversation = "";
        var segments = (rest.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is not ["conversations", var id, "activities"])
            return false;
        conversation = id.Length > 64 ? id[..64] : id;
        return true;
    }
}
