using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Drafting;
using SoKet.Bot.Drafting.Synthesis;
using SoKet.Bot.Tests.Drafting;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Export.Synthesis;

/// <summary>
/// The synthesis paragraph of one consolidated section: grounded in the units' submitted text (every figure reported,
/// and reported by the unit it is attributed to), from the model against the loopback OpenAI-compatible server, or
/// from the offline drafter with no model or when the model fails.
/// </summary>
public sealed class SectionSynthesisTests : IAsyncLifetime
{
    private const string DongPhong = "Đảng bộ phường Đông Phong";
    private const string TanPhong = "Đảng bộ phường Tân Phong";
    private const string Hdnd = "Thường trực HĐND thành phố";

    private static readonly SynthesisRequest Request = new()
    {
        CampaignTitle = "Sơ kết giữa nhiệm kỳ thực hiện nghị quyết đại hội đảng bộ các cấp, nhiệm kỳ 2020 - 2025",
        Issuer = "Thành ủy Lai Châu",
        SectionTitle = "C. HẠN CHẾ, NGUYÊN NHÂN, BÀI HỌC KINH NGHIỆM — I. Hạn chế, khuyết điểm — 1. Về công tác xây dựng Đảng và các tổ chức trong hệ thống chính trị",
        Purpose = SectionPurpose.Shortcomings,
        Contributions =
        [
            new(DongPhong, "Chỉ tiêu kết nạp đảng viên mới chưa đạt (26/30 đảng viên); chất lượng sinh hoạt của một số chi bộ tổ dân phố chưa cao."),
            new(TanPhong, "Công tác tuyên truyền được duy trì thường xuyên. Đảng ủy đã kết nạp 19 đảng viên mới, bằng 76% chỉ tiêu nhiệm kỳ."),
            new(Hdnd, "Hoạt động tiếp xúc cử tri ở một số phường, xã còn hình thức."),
        ],
    };

    private const string Grounded =
        "Việc kết nạp đảng viên mới ở một số đơn vị chưa đạt chỉ tiêu: Đảng bộ phường Đông Phong kết nạp 26/30 đảng viên, " +
        "Đảng bộ phường Tân Phong kết nạp 19 đảng viên mới, bằng 76% chỉ tiêu nhiệm kỳ. Chất lượng sinh hoạt của một số chi bộ chưa cao; " +
        "Thường trực HĐND thành phố nêu hoạt động tiếp xúc cử tri còn hình thức.";

    private LoopbackModelServer server = null!;

    public async Task InitializeAsync() => server = await LoopbackModelServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData("Đảng bộ phường Đông Phong kết nạp 26 đảng viên mới.", true)]
    [InlineData("Các đơn vị kết nạp thêm 19 đảng viên mới.", true)]
    [InlineData("Dang bo phuong Tan Phong ket nap 19 dang vien moi, bang 76% chi tieu.", true)]
    // 19 is Tân Phong's figure, not Đông Phong's.
    [InlineData("Đảng bộ phường Đông Phong kết nạp 19 đảng viên mới.", false)]
    // A total no unit reported.
    [InlineData("Toàn Đảng bộ kết nạp 45 đảng viên mới.", false)]
    [InlineData("Đảng bộ phường Tân Phong đạt 80% chỉ tiêu.", false)]
    // The campaign's title vouches for the term whichever unit is named.
    [InlineData("Đảng bộ phường Đông Phong thực hiện nghị quyết nhiệm kỳ 2020 - 2025 còn hạn chế.", true)]
    public void A_figure_must_be_reported_by_the_unit_it_is_attributed_to(string sentence, bool grounded)
    {
        Assert.Equal(grounded, SynthesisGrounding.For(Request).Check(sentence).IsGrounded);
    }

    [Fact]
    public void The_offline_drafter_quotes_each_unit_under_its_name_and_is_grounded()
    {
        var synthesis = new OfflineSynthesizer().Synthesize(Request);

        Assert.Equal(SuggestionSource.Deterministic, synthesis.Source);
        Assert.Equal(
            "Báo cáo của các đơn vị nêu:\n" +
            "- Đảng bộ phường Đông Phong: Chỉ tiêu kết nạp đảng viên mới chưa đạt (26/30 đảng viên). Chất lượng sinh hoạt của một số chi bộ tổ dân phố chưa cao.\n" +
            "- Đảng bộ phường Tân Phong: Đảng ủy đã kết nạp 19 đảng viên mới, bằng 76% chỉ tiêu nhiệm kỳ.\n" +
            "- Thường trực HĐND thành phố: Hoạt động tiếp xúc cử tri ở một số phường, xã còn hình thức.",
            synthesis.Text);
        Assert.True(SynthesisGrounding.For(Request).Check(synthesis.Text).IsGrounded);
    }

    [Fact]
    public void The_offline_drafter_keeps_a_paragraph_for_a_thousand_units()
    {
        var many = Request with
        {
            Contributions = [.. Enumerable.Range(1, 1000).Select(i => new UnitContribution($"Chi bộ thôn số {i}", $"Chi bộ kết nạp {i % 7 + 1} đảng viên mới."))],
        };

        var synthesis = new OfflineSynthesizer().Synthesize(many);

        var lines = synthesis.Text.Split('\n');
        Assert.Equal(1 + OfflineSynthesizer.MaxUnits + 1, lines.Length);
        Assert.Equal("- Các đơn vị khác: xem nội dung của từng đơn vị dưới đây.", lines[^1]);
        Assert.True(SynthesisGrounding.For(many).Check(synthesis.Text).IsGrounded);
    }

    [Fact]
    public async Task A_grounded_paragraph_from_the_model_is_kept_as_written()
    {
        await using var host = await DraftingHost.StartAsync(DraftingHost.Compatible(server), s => s.AddSynthesis());
        server.Enqueue(ModelReply.Text(Grounded));

        var synthesis = await Synthesizer(host).SynthesizeAsync(Request, CancellationToken.None);

        Assert.Equal((SuggestionSource.Model, Grounded), (synthesis.Source, synthesis.Text));
        Assert.Empty(synthesis.DroppedSentences);
        Assert.Equal((3, 3), (synthesis.UnitsSent, synthesis.UnitsTotal));
        var request = Assert.Single(server.Requests);
        Assert.Contains("gắn với đúng đơn vị", request.SystemMessage, StringComparison.Ordinal);
        Assert.Contains("mục \"C. HẠN CHẾ, NGUYÊN NHÂN, BÀI HỌC KINH NGHIỆM — I. Hạn chế, khuyết điểm", request.TaskMessage, StringComparison.Ordinal);
        Assert.Contains("báo cáo chung của Thành ủy Lai Châu", request.TaskMessage, StringComparison.Ordinal);
        Assert.Contains("<bao_cao_cac_don_vi>\n### Đảng bộ phường Đông Phong\nChỉ tiêu kết nạp đảng viên mới chưa đạt (26/30 đảng viên)", request.TaskMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invented_figure_is_asked_again_then_dropped_with_its_sentence()
    {
        await using var host = await DraftingHost.StartAsync(DraftingHost.Compatible(server), s => s.AddSynthesis());
        const string invented = "Toàn Đảng bộ đã kết nạp 45 đảng viên mới.";
        const string misattributed = "Đảng bộ phường Đông Phong kết nạp 19 đảng viên mới.";
        server.Enqueue(ModelReply.Text(Grounded + " " + invented), ModelReply.Text(Grounded + " " + invented + " " + misattributed));

        var synthesis = await Synthesizer(host).SynthesizeAsync(Request, CancellationToken.None);

        Assert.Equal((SuggestionSource.Model, Grounded), (synthesis.Source, synthesis.Text));
        Assert.Equal([invented, misattributed], synthesis.DroppedSentences);
        Assert.Equal(2, server.Requests.Count);
        var regenerate = server.Requests[1].Messages[^1];
        Assert.Equal("user", regenerate.Role);
        Assert.Contains("45", regenerate.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_model_fails_the_offline_drafter_writes_the_section()
    {
        await using var host = await DraftingHost.StartAsync(DraftingHost.Compatible(server), s => s.AddSynthesis());
        server.Enqueue(ModelReply.Status(500));

        var synthesis = await Synthesizer(host).SynthesizeAsync(Request, CancellationToken.None);

        Assert.Equal((SuggestionSource.Deterministic, "HttpError"), (synthesis.Source, synthesis.Fallback));
        Assert.Equal(new OfflineSynthesizer().Synthesize(Request).Text, synthesis.Text);
    }

    [Fact]
    public async Task With_no_model_configured_the_offline_drafter_is_the_synthesizer()
    {
        await using var host = await DraftingHost.StartAsync(new Dictionary<string, string?>(), s => s.AddSynthesis());

        var synthesizer = Synthesizer(host);
        var synthesis = await synthesizer.SynthesizeAsync(Request, CancellationToken.None);

        Assert.Null(synthesizer.Model);
        Assert.Equal(new OfflineSynthesizer().Synthesize(Request).Text, synthesis.Text);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_prompt_version_without_the_synthesis_prompts_stops_the_start_naming_them()
    {
        using var folder = new TempFolder();
        var shipped = Path.Combine(AppContext.BaseDirectory, "Drafting", "Prompts", "v1");
        foreach (var file in Directory.EnumerateFiles(shipped, "*.md", SearchOption.AllDirectories).Where(f => !f.Contains("synthesis", StringComparison.Ordinal)))
        {
            var copy = Path.Combine(folder.Path, "v1", Path.GetRelativePath(shipped, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => DraftingHost.StartAsync(DraftingHost.Compatible(server), s =>
        {
            s.AddSingleton(new PromptLibrary(folder.Path));
            s.AddSingleton(new SynthesisPrompts(folder.Path));
            s.AddSynthesis();
        }));

        Assert.Contains("Ai:PromptVersion 'v1' lacks synthesis prompt files: synthesis/system.md, synthesis/task.md, synthesis/regenerate.md", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Units_beyond_the_input_budget_are_left_to_the_document_rather_than_cut_to_shreds()
    {
        var many = Request with
        {
            Contributions = [.. Enumerable.Range(1, 500).Select(i => new UnitContribution($"Chi bộ thôn số {i}", string.Concat(Enumerable.Repeat($"Chi bộ kết nạp {i} đảng viên mới. ", 20))))],
        };

        var (data, sent) = ModelSectionSynthesizer.UnitsData(many.Normalized(), 12_000);

        Assert.True(data.Length <= 12_000, $"{data.Length} chars");
        Assert.Equal(12_000 / (ModelSectionSynthesizer.MinUnitChars + 80), sent);
        Assert.Contains("### Chi bộ thôn số 1\nChi bộ kết nạp 1 đảng viên mới.", data, StringComparison.Ordinal);
        Assert.DoesNotContain($"### Chi bộ thôn số {sent + 1}\n", data, StringComparison.Ordinal);
    }

    private static ISectionSynthesizer Synthesizer(DraftingHost host) => host.Services.GetRequiredService<ISectionSynthesizer>();
}
