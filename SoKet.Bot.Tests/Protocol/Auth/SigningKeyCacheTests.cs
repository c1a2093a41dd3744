using Microsoft.Extensions.Logging;
using SoKet.Bot.Protocol;
using SoKet.Bot.Protocol.Auth;

namespace SoKet.Bot.Tests.Protocol.Auth;

/// <summary>Key refresh behaviour, observed through the authenticator against a real loopback metadata server.</summary>
public sealed class SigningKeyCacheTests : IAsyncLifetime
{
    private static readonly TimeSpan MinimumRefreshInterval = new BotAuthenticationOptions().MinimumRefreshInterval;
    private static readonly TimeSpan KeyRefreshInterval = new BotAuthenticationOptions().KeyRefreshInterval;

    private AuthHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await AuthHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Concurrent_first_requests_share_one_metadata_fetch()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => _harness.AuthenticateTokenAsync(_harness.ValidToken())));

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.FailureReason));
        Assert.Equal(1, _harness.Channel.MetadataRequestCount);
        Assert.Equal(1, _harness.Channel.KeySetRequestCount);
    }

    [Fact]
    public async Task Rotated_key_is_accepted_after_the_refresh_its_unknown_kid_triggers()
    {
        await AssertAcceptedAsync(_harness.ValidToken());
        var rotated = _harness.Channel.PublishKey(ChannelIds.Teams);
        _harness.Time.Advance(MinimumRefreshInterval);

        await AssertAcceptedAsync(_harness.ValidToken(kid: rotated));

        Assert.Equal(2, _harness.Channel.MetadataRequestCount);
        // The old key is still published and still cached.
        await AssertAcceptedAsync(_harness.ValidToken());
        Assert.Equal(2, _harness.Channel.MetadataRequestCount);
    }

    [Fact]
    public async Task Unknown_kid_flood_causes_at_most_one_fetch_per_minimum_refresh_interval()
    {
        await AssertAcceptedAsync(_harness.ValidToken());

        // Within MinimumRefreshInterval of the last fetch: no fetch at all.
        var flood = await FloodWithUnknownKidsAsync(50);
        Assert.All(flood, o => Assert.False(o.Succeeded));
        Assert.Equal(1, _harness.Channel.MetadataRequestCount);

        // Once the interval has passed: exactly one more, shared by all concurrent requests.
        _harness.Time.Advance(MinimumRefreshInterval);
        flood = await FloodWithUnknownKidsAsync(50);
        Assert.All(flood, o => Assert.False(o.Succeeded));
        Assert.Equal(2, _harness.Channel.MetadataRequestCount);

        _harness.Time.Advance(MinimumRefreshInterval / 2);
        await FloodWithUnknownKidsAsync(50);
        Assert.Equal(2, _harness.Channel.MetadataRequestCount);

        // Valid tokens are unaffected by the flood.
        await AssertAcceptedAsync(_harness.ValidToken());
    }

    [Fact]
    public async Task Key_rotated_within_the_minimum_interval_is_refused_until_it_passes()
    {
        await AssertAcceptedAsync(_harness.ValidToken());
        var rotated = _harness.Channel.PublishKey(ChannelIds.Teams);

        Assert.False((await _harness.AuthenticateTokenAsync(_harness.ValidToken(kid: rotated))).Succeeded);

        _harness.Time.Advance(MinimumRefreshInterval);
        await AssertAcceptedAsync(_harness.ValidToken(kid: rotated));
    }

    [Fact]
    public async Task Stale_keys_are_served_while_a_background_refresh_reads_them_again()
    {
        await AssertAcceptedAsync(_harness.ValidToken());
        _harness.Time.Advance(KeyRefreshInterval);

        await AssertAcceptedAsync(_harness.ValidToken());

        await AuthHarness.EventuallyAsync(() => _harness.Channel.KeySetRequestCount == 2, "the stale keys are read again");
        await AssertAcceptedAsync(_harness.ValidToken());
        Assert.Equal(2, _harness.Channel.MetadataRequestCount);
    }

    [Fact]
    public async Task Metadata_outage_keeps_the_previous_keys_and_is_logged()
    {
        await AssertAcceptedAsync(_harness.ValidToken());
        _harness.Channel.IsAvailable = false;
        _harness.Time.Advance(KeyRefreshInterval);

        await AssertAcceptedAsync(_harness.ValidToken());
        await AuthHarness.EventuallyAsync(() => FetchFailures().Count == 1, "the failed refresh is logged");
        await AssertAcceptedAsync(_harness.ValidToken());

        var failure = Assert.Single(FetchFailures());
        Assert.Contains(_harness.Channel.MetadataUrl, failure.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(failure.Exception);
        // The failed attempt counts toward the throttle: no retry within MinimumRefreshInterval.
        Assert.Equal(2, _harness.Channel.MetadataRequestCount);
    }

    [Fact]
    public async Task Outage_at_start_refuses_tokens_and_retries_only_after_the_minimum_interval()
    {
        _harness.Channel.IsAvailable = false;
        var outcome = await _harness.AuthenticateTokenAsync(_harness.ValidToken());
        Assert.False(outcome.Succeeded);
        Assert.Equal(1, _harness.Channel.MetadataRequestCount);

        _harness.Channel.IsAvailable = true;
        Assert.False((await _harness.AuthenticateTokenAsync(_harness.ValidToken())).Succeeded);
        Assert.Equal(1, _harness.Channel.MetadataRequestCount);

        _harness.Time.Advance(MinimumRefreshInterval);
        await AssertAcceptedAsync(_harness.ValidToken());
        Assert.Equal(2, _harness.Channel.MetadataRequestCount);
    }

    private async Task AssertAcceptedAsync(string token)
    {
        var outcome = await _harness.AuthenticateTokenAsync(token);
        Assert.True(outcome.Succeeded, outcome.FailureReason);
    }

    private Task<AuthenticationOutcome[]> FloodWithUnknownKidsAsync(int count) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(i => _harness.AuthenticateTokenAsync(_harness.ValidToken(kid: $"forged-{i}"))));

    private List<(string Category, LogLevel Level, string Message, Exception? Exception)> FetchFailures() =>
        _harness.Logs.Entries.Where(e => e.Level == LogLevel.Warning && e.Category.EndsWith(nameof(SigningKeyCache), StringComparison.Ordinal)).ToList();
}
