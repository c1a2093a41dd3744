using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using SoKet.Bot.Data;
using SoKet.Bot.People;

namespace SoKet.Bot.Identity.Oidc;

/// <summary>
/// After ASP.NET Core's OpenIdConnect handler has validated the provider's id_token: the person is found (or
/// created) by the e-mail/UPN claim, so a Teams user and a browser user with the same address are one Person; the
/// admin groups in the "groups" claim are noted; the cookie then carries SoKet's own claims only.
/// </summary>
internal sealed partial class OidcSignIn(
    SoKetDbContext db,
    PeopleService people,
    IOptions<SignInOptions> options,
    IOptions<PeopleOptions> peopleOptions,
    TimeProvider clock,
    ILogger<OidcSignIn> logger)
{
    public const string CookieScheme = "SoKet.SignIn";

    public async Task OnTokenValidatedAsync(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        var oidc = options.Value.OpenIdConnect;
        var email = oidc.EmailClaims.Select(c => PersonEmail.Normalize(principal.FindFirst(c)?.Value)).FirstOrDefault(e => e is not null);
        if (email is null)
        {
            LogNoEmail(string.Join(", ", oidc.EmailClaims));
            context.Fail("The identity provider's token carries no e-mail/UPN claim.");
            return;
        }
        var name = principal.FindFirst("name")?.Value;
        var person = await people.FindOrCreateByEmailAsync(email, name, context.HttpContext.RequestAborted);
        var adminGroups = peopleOptions.Value.AdminGroupIds;
        if (adminGroups.Length > 0)
        {
            var groups = principal.FindAll(oidc.GroupsClaim).Select(c => c.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
            person.IsGroupAdmin = adminGroups.Any(groups.Contains);
            person.GroupsCheckedAtUtc = clock.GetUtcNow().UtcDateTime;
        }
        await db.SaveChangesAsync(context.HttpContext.RequestAborted);
        context.Principal = SignInClaims.Principal(person, "oidc", CookieScheme);
        LogSignedIn(person.Id);
    }

    public static Task OnRemoteFailureAsync(RemoteFailureContext context)
    {
        context.Response.Redirect($"{SignInPaths.SignIn}?loi=oidc");
        context.HandleResponse();
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "OpenID Connect sign-in refused: the token has none of the claims {Claims}")]
    private partial void LogNoEmail(string claims);

    [LoggerMessage(Level = LogLevel.Information, Message = "Person {PersonId} signed in through OpenID Connect")]
    private partial void LogSignedIn(Guid personId);
}
