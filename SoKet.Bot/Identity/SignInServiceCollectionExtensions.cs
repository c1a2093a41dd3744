using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SoKet.Bot.Identity.Accounts;
using SoKet.Bot.Identity.Chat;
using SoKet.Bot.Identity.Oidc;
using SoKet.Bot.Protocol.Auth;

namespace SoKet.Bot.Identity;

/// <summary>
/// Sign-in for the web chat, and the rules that keep local mode local. SignIn:Provider picks OpenID Connect (the
/// organisation's identity provider) or SoKet's own accounts (ASP.NET Core Identity); with neither, and no app id,
/// SoKet is in local mode. The web chat's user is whoever the sign-in cookie names (<see cref="SignedInWebChat"/>).
/// </summary>
public static class SignInServiceCollectionExtensions
{
    public static IServiceCollection AddSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SignInOptions.Section);
        services.AddOptions<SignInOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SignInOptions>, SignInOptionsValidator>());
        var settings = section.Get<SignInOptions>() ?? new SignInOptions();
        services.Configure<SignInRequirement>(r => r.Required = settings.IsConfigured);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SignInSessions>();
        services.AddSingleton<SignInLinks>();
        services.AddHostedService<LocalModeListenCheck>();
        services.Replace(ServiceDescriptor.Singleton<IWebChatIdentity, SignedInWebChat>());

        // Keys in the store: every instance reads every cookie, and the command line writes links the bot accepts.
        services.AddDataProtection().SetApplicationName("SoKet");
        services.AddOptions<KeyManagementOptions>().Configure<IServiceScopeFactory>((o, scopes) => o.XmlRepository = new StoreXmlRepository(scopes));
        // SoKet has pages and no controllers: without the controller scan, the first request (the readiness probe after
        // a start) does not walk every type of the app looking for one.
        services.AddRazorPages(o => o.RootDirectory = "/Identity/Pages")
            .ConfigureApplicationPartManager(parts => parts.FeatureProviders.Remove(
                parts.FeatureProviders.OfType<ControllerFeatureProvider>().Single()));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "soket_af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        // Accounts are always registered (the command line and chat name them); they sign in only with LocalAccounts.
        services.AddIdentityCore<Account>(o =>
            {
                var local = settings.LocalAccounts;
                o.User.RequireUniqueEmail = true;
                // The user name is the e-mail PersonEmail accepted (the command line and chat check it first): Identity's
                // default letters-and-digits set would refuse an address the rest of SoKet takes (o'neil@…, Vietnamese
                // letters) with its own English message.
                o.User.AllowedUserNameCharacters = "";
                o.Password.RequiredLength = local.MinimumPasswordLength;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = local.MaxFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = local.LockoutDuration;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddUserStore<AccountStore>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<VietnameseIdentityErrors>()
            .AddClaimsPrincipalFactory<AccountPrincipalFactory>();
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = settings.LocalAccounts.LinkLifetime);
        services.AddScoped<AccountService>();

        if (settings.Provider == SignInProvider.OpenIdConnect)
            AddOpenIdConnect(services, settings);
        else
            services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies(cookies =>
                cookies.ApplicationCookie?.Configure(o => ConfigureCookie(o, settings)));

        services.AddScoped<OidcSignIn>();
        services.AddAccountChat();
        return services;
    }

    public static IApplicationBuilder UseSignIn(this IApplicationBuilder app) => app.UseAuthentication().UseAuthorization();

    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder app)
    {
        app.MapRazorPages();
        return app;
    }

    private static void AddOpenIdConnect(IServiceCollection services, SignInOptions settings)
    {
        var oidc = settings.OpenIdConnect;
        // Signing in and out posts a form that SoKet answers with a redirect to the provider: the page's CSP must let it.
        if (Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority))
            services.PostConfigure<Security.SecurityHeadersOptions>(o => o.FormActionSources = [.. o.FormActionSources, authority.GetLeftPart(UriPartial.Authority)]);
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = OidcSignIn.CookieScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(OidcSignIn.CookieScheme, o => ConfigureCookie(o, settings))
            .AddOpenIdConnect(OpenIdConnectDefaults.AuthenticationScheme, o =>
            {
                o.Authority = oidc.Authority;
                o.ClientId = oidc.ClientId;
                o.ClientSecret = oidc.ClientSecret;
                o.SignInScheme = OidcSignIn.CookieScheme;
                o.SignOutScheme = OidcSignIn.CookieScheme;
                // Authorization code with PKCE. The answer comes back as a top-level GET (query), so the correlation
                // and nonce cookies can be SameSite=Lax and need no https on a loopback test server.
                o.ResponseType = "code";
                o.ResponseMode = "query";
                o.UsePkce = true;
                o.RequireHttpsMetadata = Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority) && !authority.IsLoopback;
                o.Scope.Clear();
                o.Scope.Add("openid");
                foreach (var scope in oidc.Scopes)
                    o.Scope.Add(scope);
                o.MapInboundClaims = false;
                o.GetClaimsFromUserInfoEndpoint = false;
                o.SaveTokens = true; // the id_token is the hint the provider's sign-out wants
                o.CallbackPath = "/signin-oidc";
                o.SignedOutCallbackPath = "/signout-callback-oidc";
                o.SignedOutRedirectUri = SignInPaths.SignedOut;
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.TokenValidationParameters.NameClaimType = "name";
                o.Events.OnTokenValidated = context => context.HttpContext.RequestServices.GetRequiredService<OidcSignIn>().OnTokenValidatedAsync(context);
                o.Events.OnRemoteFailure = OidcSignIn.OnRemoteFailureAsync;
            });
    }

    private static void ConfigureCookie(CookieAuthenticationOptions o, SignInOptions settings)
    {
        o.Cookie.Name = "soket_signin";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.ExpireTimeSpan = settings.SessionLifetime;
        o.SlidingExpiration = true;
        o.LoginPath = SignInPaths.SignIn;
        o.LogoutPath = SignInPaths.SignOut;
        o.AccessDeniedPath = SignInPaths.SignIn;
        // A sign-out anywhere (or an admin's password reset) ends this cookie too, at its next use.
        o.Events.OnValidatePrincipal = async context =>
        {
            var sessions = context.HttpContext.RequestServices.GetRequiredService<SignInSessions>();
            if (!await sessions.IsCurrentAsync(context.Principal, context.HttpContext.RequestAborted))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(context.Scheme.Name);
            }
        };
    }
}
