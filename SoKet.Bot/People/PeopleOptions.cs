using Microsoft.Extensions.Options;

namespace SoKet.Bot.People;

/// <summary>Section "People": who administers SoKet (the office staff who run campaigns).</summary>
public sealed class PeopleOptions
{
    public const string Section = "People";

    /// <summary>E-mails/UPNs of the office staff (văn phòng cấp ủy) who are admins from the first day, before anyone names another in chat.</summary>
    public string[] AdminEmails { get; set; } = [];

    /// <summary>
    /// Object ids of Entra ID groups whose members are admins: checked through Microsoft Graph for Teams users
    /// (application permission GroupMember.Read.All), read from the "groups" claim at an OpenID Connect sign-in.
    /// </summary>
    public string[] AdminGroupIds { get; set; } = [];

    /// <summary>How long a Teams user's group membership is trusted before the Graph is asked again.</summary>
    public TimeSpan GroupCheckInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Microsoft Graph, for the group check (national clouds have their own).</summary>
    public string GraphBaseUrl { get; set; } = "https://graph.microsoft.com/v1.0/";

    /// <summary>
    /// In local mode (no app id, no sign-in) the web chat's single local operator — the person at this machine —
    /// is an admin, so every flow can be tried. Ignored outside local mode.
    /// </summary>
    public bool LocalWebChatUsersAreAdmins { get; set; } = true;
}

internal sealed class PeopleOptionsValidator : IValidateOptions<PeopleOptions>
{
    public ValidateOptionsResult Validate(string? name, PeopleOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.AdminEmails.Length; i++)
        {
            if (PersonEmail.Normalize(options.AdminEmails[i]) is null)
                failures.Add($"People:AdminEmails:{i} must be an e-mail address or UPN (ten@donvi.vn); got '{options.AdminEmails[i]}'.");
        }
        for (var i = 0; i < options.AdminGroupIds.Length; i++)
        {
            if (!Guid.TryParse(options.AdminGroupIds[i], out _))
                failures.Add($"People:AdminGroupIds:{i} must be the object id (a GUID) of an Entra ID group; got '{options.AdminGroupIds[i]}'.");
        }
        if (options.GroupCheckInterval < TimeSpan.FromMinutes(1) || options.GroupCheckInterval > TimeSpan.FromDays(1))
            failures.Add($"People:GroupCheckInterval must be between 00:01:00 and 1.00:00:00; got {options.GroupCheckInterval}.");
        if (!Uri.TryCreate(options.GraphBaseUrl, UriKind.Absolute, out var graph)
            || !(graph.Scheme == Uri.UriSchemeHttps || (graph.Scheme == Uri.UriSchemeHttp && graph.IsLoopback)))
            failures.Add($"People:GraphBaseUrl must be an absolute https URL (http only for loopback); got '{options.GraphBaseUrl}'.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>
/// E-mail/UPN as SoKet stores it: trimmed, lower case, one address, no display name, in Unicode NFC (an address with
/// Vietnamese letters typed on a keyboard or pasted from a document that writes them decomposed is the same address).
/// </summary>
public static class PersonEmail
{
    public const int MaxLength = 320;

    public static string? Normalize(string? value)
    {
        var trimmed = value?.Trim();
        if (trimmed is not null && !trimmed.IsNormalized())
            trimmed = trimmed.Normalize();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxLength)
            return null;
        var at = trimmed.IndexOf('@');
        if (at <= 0 || at != trimmed.LastIndexOf('@') || at == trimmed.Length - 1)
            return null;
        if (trimmed.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ',' or ';' or '"' or '(' or ')' or '[' or ']' or '\\'))
            return null;
        var domain = trimmed[(at + 1)..];
        if (domain.StartsWith('.') || domain.EndsWith('.') || domain.Contains("..", StringComparison.Ordinal))
            return null;
        return trimmed.ToLowerInvariant();
    }
}
