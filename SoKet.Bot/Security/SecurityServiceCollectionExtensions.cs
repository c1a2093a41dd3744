using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SoKet.Bot.Protocol.Auth;

namespace SoKet.Bot.Security;

/// <summary>What guards every request before a channel sees it: security headers, per-address rate limits, host names.</summary>
public static partial class SecurityServiceCollectionExtensions
{
    public static IServiceCollection AddSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecurityHeadersOptions>().Bind(configuration.GetSection(SecurityHeadersOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SecurityHeadersOptions>, SecurityHeadersOptionsValidator>());
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>());
        services.AddSingleton<UserRateLimiter>();

        // ASP.NET Core's rate limiting middleware, one global limiter partitioned by path and caller address.
        services.AddRateLimiter(limiter => { });
        services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>()
            .Configure<IOptions<RateLimitOptions>>((limiter, limits) =>
            {
                if (limits.Value.Enabled)
                    limiter.GlobalLimiter = AddressRateLimits.Create(limits.Value);
                limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                limiter.OnRejected = (context, ct) =>
                    new ValueTask(RateLimitAnswers.Result(RateLimitAnswers.RetryAfter(context.Lease)).ExecuteAsync(context.HttpContext));
            });
        services.AddHostedService<AllowedHostsCheck>();
        return services;
    }

    /// <summary>Headers first, so even a refused or static response carries them; then the per-address limits.</summary>
    public static IApplicationBuilder UseSecurity(this IApplicationBuilder app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>
    /// AllowedHosts is enforced by ASP.NET Core's host filtering; the default (loopback names) keeps a web page from
    /// reaching a local-mode bot through DNS rebinding. A bot reachable from a network must list its own names.
    /// </summary>
    private sealed partial class AllowedHostsCheck(IConfiguration configuration, IOptions<BotCredentialsOptions> credentials, ILogger<AllowedHostsCheck> logger)
        : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var hosts = (configuration["AllowedHosts"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (credentials.Value.IsLocalMode)
                return Task.CompletedTask;
            if (hosts.Length == 0 || hosts.Contains("*"))
                LogAnyHost();
            else if (hosts.All(h => h is "localhost" or "127.0.0.1" or "[::1]"))
                LogLoopbackOnly(string.Join(';', hosts));
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Warning, Message = "AllowedHosts is '*': any Host header is accepted. Set AllowedHosts to the names the bot is reached at (e.g. soket.example.gov.vn).")]
        private partial void LogAnyHost();

        [LoggerMessage(Level = LogLevel.Warning, Message = "AllowedHosts is '{Hosts}' but an app id is set: requests from Teams to any other host name are refused with 400. Set AllowedHosts to the bot's public host name.")]
        private partial void LogLoopbackOnly(string hosts);
    }
}
