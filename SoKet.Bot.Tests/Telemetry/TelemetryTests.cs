using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SoKet.Bot.Telemetry;
using SoKet.Bot.Tests.Drafting;
using SoKet.Bot.Tests.Infrastructure;
using static SoKet.Bot.Tests.Drafting.DraftingChat;

namespace SoKet.Bot.Tests.Telemetry;

/// <summary>What the IT staff see: /metrics after a few turns, who may read it, and that nothing a user wrote or a person's name reaches a span or a metric label.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Metrics_endpoint_shows_the_turn_counter_and_latency_histogram_after_a_few_turns()
    {
        using var app = new BotApp();
        app.Settings["Telemetry:Prometheus:Enabled"] = "true";
        var http = app.CreateHttpClient();
        var chat = new DirectLineClient(http);
        await chat.StartAsync();
        await chat.PollAsync();
        foreach (var text in new[] { "trợ giúp", "hạn nộp báo cáo khi nào?", "trợ giúp" })
        {
            await chat.SendAsync(text, null);
            await chat.PollAsync();
        }

        var response = await http.GetAsync("/metrics");
        var metrics = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var turns = metrics.Split('\n').Where(l => l.StartsWith("soket_turns_total{", StringComparison.Ordinal) && l.Contains("soket_channel=\"webchat\"", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(turns);
        Assert.True(turns.Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture)) >= 4,
            "The welcome turn and three messages should be counted:\n" + string.Join('\n', turns));
        Assert.Contains(turns, l => l.Contains("soket_outcome=\"Processed\"", StringComparison.Ordinal) && l.Contains("soket_activity_type=\"message\"", StringComparison.Ordinal));
        Assert.Contains("soket_turn_duration_seconds_bucket{", metrics);
        Assert.Contains("soket_turn_duration_seconds_count{", metrics);
        Assert.Contains("# TYPE soket_turn_duration_seconds histogram", metrics);
    }

    [Fact]
    public async Task Metrics_endpoint_is_off_by_default()
    {
        using var app = new BotApp();
        using var http = app.CreateHttpClient();

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task With_nowhere_to_send_them_no_spans_are_recorded_and_metrics_only_for_prometheus()
    {
        // Nothing configured: a turn runs, and no tracer or meter of OpenTelemetry is listening.
        using (var app = new BotApp())
        {
            var chat = await DraftingChat.OpenAsync(app);
            Assert.NotEmpty(await chat.SayAsync("trợ giúp"));
            Assert.Null(app.Services.GetService<TracerProvider>());
            Assert.Null(app.Services.GetService<MeterProvider>());
        }

        // Prometheus only: metrics for /metrics, still no spans (nothing would receive them).
        using (var app = new BotApp())
        {
            app.Settings["Telemetry:Prometheus:Enabled"] = "true";
            using var http = app.CreateHttpClient();
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/metrics")).StatusCode);
            Assert.NotNull(app.Services.GetService<MeterProvider>());
            Assert.Null(app.Services.GetService<TracerProvider>());
        }
    }

    [Theory]
    [InlineData("127.0.0.1", null, true)]
    [InlineData("::1", null, true)]
    [InlineData("10.20.3.4", null, false)]
    [InlineData("10.20.3.4", "10.20.0.0/16", true)]
    [InlineData("::ffff:10.20.3.4", "10.20.0.0/16", true)]
    [InlineData("10.21.0.1", "10.20.0.0/16", false)]
    [InlineData("192.168.1.9", "10.20.0.0/16", false)]
    public void Only_this_machine_and_the_allowed_networks_may_scrape(string remote, string? network, bool allowed)
    {
        var networks = network is null ? [] : new[] { System.Net.IPNetwork.Parse(network) };

        Assert.Equal(allowed, new MetricsAccess(networks).Allows(IPAddress.Parse(remote)));
    }

    [Fact]
    public void A_network_that_is_not_CIDR_stops_the_start_naming_the_setting()
    {
        using var app = new BotApp();
        app.Settings["Telemetry:Prometheus:AllowedNetworks:0"] = "10.20.0.0/33";

        var error = Assert.ThrowsAny<Exception>(() => app.Start());

        Assert.Contains("Telemetry:Prometheus:AllowedNetworks", Flatten(error));
    }

    [Fact]
    public async Task No_span_or_metric_label_carries_report_text_or_a_persons_name()
    {
        const string secret = "ZQX4471 công tác cán bộ nội bộ";
        const string name = "Hoàng Thị Bảo Mật";
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        await using var collector = await LoopbackCollector.StartAsync();
        using var app = new BotApp();
        app.Settings["Telemetry:Prometheus:Enabled"] = "true";
        app.Settings["Telemetry:Otlp:Endpoint"] = collector.Endpoint;
        app.TestServices = services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
            services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics));
        };
        var chat = await DraftingChat.OpenAsync(app);
        await using (var db = app.OpenStore())
            await DraftingSeed.CreateAsync(db, [(chat.Client.UserId, name)], DraftingSeed.HaTinh);
        await chat.SayAsync("soạn báo cáo");
        if (FindAction(chat.Card!, "Soạn tiếp") is not null)
            await chat.PressAsync("Soạn tiếp");
        var saved = await chat.PressAsync("Lưu và tiếp tục", new { text = $"Đoạn báo cáo {secret}." });
        await chat.SayAsync($"xin hỏi về {secret}");
        Assert.Contains("Đã lưu mục", Texts(saved));

        app.Services.GetRequiredService<TracerProvider>().ForceFlush();
        app.Services.GetRequiredService<MeterProvider>().ForceFlush();
        var scrape = await app.CreateHttpClient().GetStringAsync("/metrics");

        List<Activity> turnSpans;
        lock (spans)
            turnSpans = spans.Where(s => s.OperationName == "soket.turn").ToList();
        Assert.Contains(turnSpans, s => s.GetTagItem("soket.command") is string command && command.Length > 0);
        Assert.Contains(spans.ToList(), s => s.GetTagItem("db.query.text") is not null || s.GetTagItem("db.statement") is not null);
        var words = new[] { "ZQX4471", "Bảo Mật", "Hoàng Thị", "cán bộ nội bộ", "Đoạn báo cáo" };
        foreach (var span in spans.ToList())
        {
            var text = string.Join(" | ", new[] { span.DisplayName, span.OperationName, span.StatusDescription ?? "" }
                .Concat(span.TagObjects.Select(t => $"{t.Key}={t.Value}"))
                .Concat(span.Events.SelectMany(e => e.Tags.Select(t => $"{t.Key}={t.Value}").Prepend(e.Name))));
            Assert.DoesNotContain(words, w => text.Contains(w, StringComparison.OrdinalIgnoreCase));
        }
        foreach (var metric in metrics.ToList())
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                foreach (var tag in point.Tags)
                    Assert.DoesNotContain(words, w => $"{tag.Key}={tag.Value}".Contains(w, StringComparison.OrdinalIgnoreCase));
            }
        }
        Assert.DoesNotContain(words, w => scrape.Contains(w, StringComparison.OrdinalIgnoreCase));

        // What went to the collector over OTLP: the turn's spans, and none of the words (protobuf keeps strings as UTF-8).
        var traces = collector.Received("traces").Select(b => System.Text.Encoding.UTF8.GetString(b)).ToList();
        Assert.Contains(traces, t => t.Contains("soket.turn", StringComparison.Ordinal));
        Assert.NotEmpty(collector.Received("metrics"));
        foreach (var body in traces.Concat(collector.Received("metrics").Concat(collector.Received("logs")).Select(b => System.Text.Encoding.UTF8.GetString(b))))
            Assert.DoesNotContain(words, w => body.Contains(w, StringComparison.OrdinalIgnoreCase));
    }

    private static string Flatten(Exception error) => error is AggregateException aggregate
        ? string.Join("\n", aggregate.InnerExceptions.Select(Flatten))
        : error.Message + (error.InnerException is null ? "" : "\n" + Flatten(error.InnerException));
}
