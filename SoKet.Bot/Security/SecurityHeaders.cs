using Microsoft.Extensions.Options;

namespace SoKet.Bot.Security;

/// <summary>Section "SecurityHeaders": the headers every response carries.</summary>
public sealed class SecurityHeadersOptions
{
    public const string Section = "SecurityHeaders";

    /// <summary>
    /// Who may show SoKet's pages in a frame (CSP frame-ancestors). Teams shows an app's pages from its web,
    /// desktop and mobile clients, which run under these origins
    /// (https://learn.microsoft.com/microsoftteams/platform/tabs/how-to/tab-requirements); nothing else may frame them.
    /// </summary>
    public string[] FrameAncestors { get; set; } =
    [
        "'self'",
        "https://teams.microsoft.com",
        "https://*.teams.microsoft.com",
        "https://teams.cloud.microsoft",
        "https://*.cloud.microsoft",
        "https://*.office.com",
        "https://*.microsoft365.com",
        "https://*.skype.com",
    ];

    /// <summary>
    /// The page's Content-Security-Policy without frame-ancestors (added from <see cref="FrameAncestors"/>).
    /// Microsoft Web Chat runs from /lib/webchat.js and injects its styles at run time (hence style-src
    /// 'unsafe-inline'; it evaluates no code); images of cards may be data: or blob: URLs.
    /// </summary>
    public string ContentSecurityPolicy { get; set; } =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; media-src 'self' blob: data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

    public string ReferrerPolicy { get; set; } = "no-referrer";

    /// <summary>
    /// Origins a form may lead to besides SoKet itself (added to form-action). Browsers apply form-action to the
    /// redirects a form post answers with, so sign-in through an OpenID Connect provider adds the provider's origin
    /// (Identity does it from SignIn:OpenIdConnect:Authority).
    /// </summary>
    public string[] FormActionSources { get; set; } = [];
}

/// <summary>
/// Adds the security headers to every response, static files included: a CSP that still lets Web Chat run and
/// Teams frame the pages, nosniff (a browser never guesses a type other than the one sent), no Referer (download
/// links and tokens in URLs never leak to another site). Files served for download get a stricter policy of their own.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptions<SecurityHeadersOptions> options)
{
    /// <summary>A downloaded document is data, never a page: nothing in it runs, even if a browser opened it inline.</summary>
    internal const string DownloadPolicy = "default-src 'none'; sandbox";

    private readonly string _policy = Compose(options.Value);

    public Task InvokeAsync(HttpContext context)
    {
        var value = options.Value;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = value.ReferrerPolicy;
            if (headers.ContentSecurityPolicy.Count == 0)
                headers.ContentSecurityPolicy = _policy;
            return Task.CompletedTask;
        });
        return next(context);
    }

    internal static string Compose(SecurityHeadersOptions options)
    {
        var directives = options.ContentSecurityPolicy.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (options.FormActionSources.Length > 0)
        {
            var index = directives.FindIndex(d => d.StartsWith("form-action", StringComparison.OrdinalIgnoreCase));
            if (index < 0)
                directives.Add("form-action 'self' " + string.Join(' ', options.FormActionSources));
            else
                directives[index] += " " + string.Join(' ', options.FormActionSources);
        }
        directives.Add("frame-ancestors " + string.Join(' ', options.FrameAncestors));
        return string.Join("; ", directives);
    }
}

internal sealed class SecurityHeadersOptionsValidator : IValidateOptions<SecurityHeadersOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityHeadersOptions options)
    {
        var errors = new List<string>();
        if (options.FrameAncestors.Length == 0 || options.FrameAncestors.Any(a => string.IsNullOrWhiteSpace(a) || a.Contains(';') || a.Contains(' ')))
            errors.Add($"{SecurityHeadersOptions.Section}:FrameAncestors must list at least one source ('self', 'none' or an origin such as https://teams.microsoft.com), one per entry.");
        if (string.IsNullOrWhiteSpace(options.ContentSecurityPolicy) || options.ContentSecurityPolicy.Contains("frame-ancestors", StringComparison.OrdinalIgnoreCase))
            errors.Add($"{SecurityHeadersOptions.Section}:ContentSecurityPolicy must be set and must not contain frame-ancestors (set {SecurityHeadersOptions.Section}:FrameAncestors instead).");
        if (string.IsNullOrWhiteSpace(options.ReferrerPolicy))
            errors.Add($"{SecurityHeadersOptions.Section}:ReferrerPolicy must be set (e.g. no-referrer).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
