using System.IdentityModel.Tokens.Jwt;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using SoKet.Bot.Protocol;
using SoKet.Bot.Protocol.Auth;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Protocol.Auth;

public sealed class JwtInboundAuthenticatorTests : IAsyncLifetime
{
    private AuthHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await AuthHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Valid_token_succeeds_with_the_token_claims_unmapped()
    {
        var outcome = await _harness.AuthenticateTokenAsync(_harness.ValidToken());

        Assert.True(outcome.Succeeded, outcome.FailureReason);
        Assert.Null(outcome.FailureReason);
        Assert.Equal(AuthHarness.ServiceUrl, outcome.Identity!.FindFirst("serviceurl")?.Value);
        Assert.Equal(AuthHarness.AppId, outcome.Identity.FindFirst("aud")?.Value);
        Assert.Equal(TestChannel.BotFrameworkIssuer, outcome.Identity.FindFirst("iss")?.Value);
    }

    [Fact]
    public async Task Scheme_is_case_insensitive_and_service_url_compares_case_insensitively()
    {
        var token = _harness.Channel.CreateToken(AuthHarness.AppId, "https://SMBA.trafficmanager.net/Teams/");

        var outcome = await _harness.AuthenticateAsync("bEARER " + token);

        Assert.True(outcome.Succeeded, outcome.FailureReason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Missing_header_fails(string? header)
    {
        var outcome = await _harness.AuthenticateAsync(header);

        AssertFailed(outcome, "no Authorization header");
    }

    [Theory]
    [InlineData("Basic ")]
    [InlineData("Bearer")]
    [InlineData("")]
    public async Task Header_that_is_not_a_bearer_token_fails(string prefix)
    {
        var outcome = await _harness.AuthenticateAsync(prefix + _harness.ValidToken());

        AssertFailed(outcome, "Bearer");
    }

    [Fact]
    public async Task Expired_token_fails()
    {
        var token = _harness.Channel.CreateToken(AuthHarness.AppId, AuthHarness.ServiceUrl, expires: DateTimeOffset.UtcNow.AddMinutes(-6));

        AssertFailed(await _harness.AuthenticateTokenAsync(token), "expired");
    }

    [Fact]
    public async Task Token_expired_within_the_clock_skew_succeeds()
    {
        var token = _harness.Channel.CreateToken(AuthHarness.AppId, AuthHarness.ServiceUrl, expires: DateTimeOffset.UtcNow.AddMinutes(-4));

        var outcome = await _harness.AuthenticateTokenAsync(token);

        Assert.True(outcome.Succeeded, outcome.FailureReason);
    }

    [Fact]
    public async Task Token_not_yet_valid_fails()
    {
        var token = _harness.Channel.CreateToken(AuthHarness.AppId, AuthHarness.ServiceUrl, notBefore: DateTimeOffset.UtcNow.AddMinutes(10));

        AssertFailed(await _harness.AuthenticateTokenAsync(token), "not valid yet");
    }

    [Fact]
    public async Task Token_without_expiry_fails()
    {
        var token = _harness.Channel.SignClaims(new Dictionary<string, object>
        {
            ["iss"] = TestChannel.BotFrameworkIssuer,
            ["aud"] = AuthHarness.AppId,
            ["serviceurl"] = AuthHarness.ServiceUrl,
            ["nbf"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(),
        });

        AssertFailed(await _harness.AuthenticateTokenAsync(token), "no expiry");
    }

    [Fact]
    public async Task Wrong_issuer_fails_without_fetching_keys()
    {
        var token = _harness.Channel.CreateToken(AuthHarness.AppId, AuthHarness.ServiceUrl, issuer: "https://api.botframework.com.evil.example");

        AssertFailed(await _harness.AuthenticateTokenAsync(token), "issuer");
        Assert.Equal(0, _harness.Channel.MetadataRequestCount);
    }

    [Fact]
    public async Task Wrong_audience_fails()
    {
        var token = _harness.Channel.CreateToken(Guid.NewGuid().ToString(), AuthHarness.ServiceUrl);

        AssertFailed(await _harness.AuthenticateTokenAsync(token), "audience");
    }

    [Fact]
    public async Task Token_signed_with_an_untrusted_key_under_a_published_kid_fails()
    {
        var token = _harness.Channel.CreateToken(AuthHarness.AppId, AuthHarness.ServiceUrl, signWithUntrustedKey: true);

        AssertFailed(await _harness.AuthenticateTokenAsync(token), "signature");
    }

    [Fact]
    public async Task Unknown_kid_fails_after_one_refresh()
    {
        Assert.True((await _harness.AuthenticateTokenAsync(_harness.ValidToken())).Succeeded);
        _harness.Time.Advance(TimeSpan.FromMinutes(2));

        var outcome = await _harness.AuthenticateTokenAsync(_harness.ValidToken(kid: "kid-nobody-published"));

        AssertFailed(outcome, "key id");
        Assert.Equal(2, _harness.Channel.MetadataRequestCount);
        Assert.Equal(2, _harness.Channel.KeySetRequestCount);
    }

    [Fact]
    public async Task Service_url_claim_that_differs_from_the_activity_fails()
    {
        var token = _harness.Channel.CreateToken(AuthHarness.AppId, "https://smba.trafficmanager.net/emea/");

        AssertFailed(await _harness.AuthenticateTokenAsync(token), "serviceurl");
    }

    [Fact]
    public async Task Token_without_service_url_claim_fails()
    {
        var token = _harness.Channel.CreateToken(AuthHarness.AppId, serviceUrl: null);

        AssertFailed(await _harness.AuthenticateTokenAsync(token), "no serviceurl claim");
    }

    [Fact]
    public async Task Channel_the_signing_key_does_not_endorse_fails()
    {
        var webChatOnly = _harness.Channel.PublishKey(ChannelIds.WebChat);

        var outcome = await _harness.AuthenticateTokenAsync(_harness.ValidToken(kid: webChatOnly), AuthHarness.TeamsActivity(ChannelIds.Teams));

        AssertFailed(outcome, "not endorsed for channel 'msteams'");
    }

    [Fact]
    public async Task Activity_without_channel_id_fails_endorsement()
    {
        var activity = AuthHarness.TeamsActivity();
        activity.ChannelId = null;

        AssertFailed(await _harness.AuthenticateTokenAsync(_harness.ValidToken(), activity), "not endorsed");
    }

    [Fact]
    public async Task Five_part_token_is_refused_before_any_decoding_or_key_fetch()
    {
        var token = _harness.Channel.CreateFivePartToken(AuthHarness.AppId, AuthHarness.ServiceUrl);
        Assert.Equal(5, token.Split('.').Length);

        AssertFailed(await _harness.AuthenticateTokenAsync(token), "three-part");
        Assert.Equal(0, _harness.Channel.MetadataRequestCount);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("a.b")]
    [InlineData("a..c")]
    [InlineData("a.b.c.d")]
    [InlineData("a.b.")]
    [InlineData("a.b.c d")]
    [InlineData("a.b+.c")]
    public async Task Token_that_is_not_compact_jws_fails(string token)
    {
        AssertFailed(await _harness.AuthenticateTokenAsync(token), "three-part");
    }

    [Fact]
    public async Task Garbage_in_three_parts_fails_without_throwing()
    {
        AssertFailed(await _harness.AuthenticateTokenAsync("eyJub3QganNvbg.eyJ4IjoxfQ.c2ln"), "malformed");
    }

    [Fact]
    public async Task Oversized_token_fails()
    {
        var token = new string('a', JwtInboundAuthenticator.MaxTokenLength) + ".b.c";

        AssertFailed(await _harness.AuthenticateTokenAsync(token), "longer than");
    }

    [Fact]
    public async Task Symmetric_algorithm_is_refused()
    {
        // The classic forgery: HS256 keyed with something public. It must never reach key lookup.
        var key = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = _harness.Channel.KeyId };
        var token = new JwtSecurityTokenHandler().CreateEncodedJwt(new SecurityTokenDescriptor
        {
            Issuer = TestChannel.BotFrameworkIssuer,
            Audience = AuthHarness.AppId,
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = new Dictionary<string, object> { ["serviceurl"] = AuthHarness.ServiceUrl },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });

        AssertFailed(await _harness.AuthenticateTokenAsync(token), "RS256");
        Assert.Equal(0, _harness.Channel.MetadataRequestCount);
    }

    [Fact]
    public async Task Token_without_kid_fails()
    {
        var header = Base64UrlEncoder.Encode("""{"alg":"RS256","typ":"JWT"}""");
        var payload = Base64UrlEncoder.Encode("{}");

        AssertFailed(await _harness.AuthenticateTokenAsync($"{header}.{payload}.c2ln"), "kid");
    }

    [Fact]
    public async Task Channel_outside_allowed_channel_ids_fails()
    {
        await using var harness = await AuthHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["BotAuthentication:AllowedChannelIds:0"] = ChannelIds.Teams,
        });

        var outcome = await harness.AuthenticateTokenAsync(harness.ValidToken(), AuthHarness.TeamsActivity(ChannelIds.WebChat));

        AssertFailed(outcome, "AllowedChannelIds");
    }

    [Fact]
    public async Task Authority_that_does_not_require_endorsement_or_service_url_accepts_without_them()
    {
        await using var harness = await AuthHarness.StartAsync(endorsements: [], settings: new Dictionary<string, string?>
        {
            ["BotAuthentication:Authorities:0:RequireEndorsement"] = "false",
            ["BotAuthentication:Authorities:0:RequireServiceUrlClaim"] = "false",
        });
        var token = harness.Channel.CreateToken(AuthHarness.AppId, serviceUrl: null);

        var outcome = await harness.AuthenticateTokenAsync(token);

        Assert.True(outcome.Succeeded, outcome.FailureReason);
    }

    [Fact]
    public async Task Local_mode_accepts_no_token()
    {
        await using var harness = await AuthHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = null,
            ["MicrosoftAppPassword"] = null,
        });

        AssertFailed(await harness.AuthenticateTokenAsync(harness.ValidToken()), "no MicrosoftAppId");
    }

    private static void AssertFailed(AuthenticationOutcome outcome, string reasonFragment)
    {
        Assert.False(outcome.Succeeded);
        Assert.Null(outcome.Identity);
        Assert.NotNull(outcome.FailureReason);
        Assert.Contains(reasonFragment, outcome.FailureReason, StringComparison.Ordinal);
    }
}
