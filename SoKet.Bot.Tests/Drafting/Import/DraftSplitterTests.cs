using System.Diagnostics;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Drafting.Import;
using SoKet.Bot.Reports;
using SoKet.Bot.Tests.Campaigns.Import;
using Xunit.Abstractions;

namespace SoKet.Bot.Tests.Drafting.Import;

/// <summary>
/// The splitter on real .docx files written by OpenXml in the test (and on pasted text), against the outline SoKet
/// builds from Kế hoạch 150-KH/TU: each section's paragraphs land in that section, whatever the numbering and wording
/// of the draft's headings; what belongs nowhere is set aside, and a document that is no draft matches nothing.
/// </summary>
public sealed class DraftSplitterTests(ITestOutputHelper output)
{
    private static readonly Lazy<(IReadOnlyList<OutlineEntry> Entries, IReadOnlyList<OutlineHeading> Headings)> Outline = new(() =>
    {
        var campaign = DraftingSeed.CreateCampaign(DraftingSeed.HaTinh);
        var entries = ReportOutline.For(campaign.Sections, new Unit { HasCommittee = true });
        return (entries, OutlineHeading.From(entries));
    });

    /// <summary>The seventeen writable text sections of the reference outline, in order (the indicator appendix aside).</summary>
    private static IReadOnlyList<OutlineEntry> TextSections => Outline.Value.Entries.Where(e => e.IsWritable && !e.IsIndicatorTable).ToList();

    [Fact]
    public void A_multi_page_docx_written_to_the_reference_outline_fills_every_section_with_its_own_paragraphs()
    {
        var docx = DraftDocx.Build(DraftSamples.WrittenToTheOutline());

        var split = Split(docx);

        Assert.Equal(DraftSamples.Sections.Length, TextSections.Count);
        AssertEverySectionFilled(split);
        // The two "2.1. Nguyên nhân khách quan" headings of the outline each get their own text (the order tells them apart).
        var objective = TextSections.Where(e => e.Title == "2.1. Nguyên nhân khách quan").Select(e => Text(split, e.Id)).ToList();
        Assert.Equal([string.Join("\n\n", DraftSamples.Sections[8]), string.Join("\n\n", DraftSamples.Sections[10])], objective);
        // Numbered sub-points with a run-in heading ("1. Công tác chính trị, tư tưởng: …") stay in their section, whole.
        Assert.StartsWith("1. Công tác chính trị, tư tưởng: Đảng ủy đã tổ chức học tập", Text(split, TextSections[1].Id));

        var aside = split.Aside.ToDictionary(a => a.Reason);
        Assert.Contains(aside[AsideReason.Preamble].Paragraphs, p => p.StartsWith("Thực hiện Kế hoạch số 150-KH/TU", StringComparison.Ordinal));
        Assert.Equal([DraftSamples.UnderResults], aside[AsideReason.UnderGroupHeading].Paragraphs);
        Assert.Contains("KẾT QUẢ ĐẠT ĐƯỢC", aside[AsideReason.UnderGroupHeading].UnderTitle);
        Assert.Equal(3, aside[AsideReason.IndicatorTable].Paragraphs.Count);
        Assert.Contains(aside[AsideReason.Closing].Paragraphs, p => p.StartsWith("Nơi nhận", StringComparison.Ordinal));
        Assert.Contains("BÍ THƯ", aside[AsideReason.Closing].Paragraphs);
        Assert.DoesNotContain(split.Aside, a => a.Reason == AsideReason.NoMatchingSection);
    }

    [Fact]
    public void A_draft_numbered_by_Word_with_reworded_headings_fills_the_same_sections_and_sets_aside_the_one_the_outline_lacks()
    {
        var docx = DraftDocx.Build(DraftSamples.RewordedWithWordNumbering());
        var read = DraftReader.ReadFile("du-thao-xa-cam-quan.docx", docx);
        // Word's numbering is read from numbering.xml and rendered as Word shows it.
        Assert.Contains(read.Paragraphs!, p => p.Text == "2.1. Công tác xây dựng Đảng, xây dựng hệ thống chính trị");
        Assert.Contains(read.Paragraphs!, p => p.Text == "3.2.1.1. Khách quan");

        var split = DraftSplitter.Split(read.Paragraphs!, Outline.Value.Headings);

        for (var i = 0; i < TextSections.Count; i++)
        {
            var expected = string.Join("\n\n", DraftSamples.Sections[i]);
            if (i == 2)
                expected = string.Join("\n\n", [DraftSamples.Sections[2][0], "a) Sản xuất nông nghiệp", "Năng suất lúa bình quân đạt 5,8 tấn/ha.", .. DraftSamples.Sections[2][1..]]);
            Assert.True(Text(split, TextSections[i].Id) == expected, $"section «{TextSections[i].TitleInContext}» got «{Text(split, TextSections[i].Id)}»");
        }
        Assert.Equal("2.2. Phát triển kinh tế - xã hội", split.Sections.Single(s => s.SectionId == TextSections[2].Id).WrittenHeading);
        var extra = Assert.Single(split.Aside, a => a.Reason == AsideReason.NoMatchingSection);
        Assert.Equal("2.5. Công tác thi đua, khen thưởng", extra.Heading);
        Assert.Equal(["Phát động 6 đợt thi đua theo chuyên đề; 28 tập thể, 64 cá nhân được các cấp khen thưởng."], extra.Paragraphs);
        Assert.Contains(split.Aside, a => a.Reason == AsideReason.Closing);
        Print(split);
    }

    [Fact]
    public void Pasted_text_with_typed_labels_and_a_markdown_heading_fills_the_sections_it_has()
    {
        var paragraphs = DraftReader.ReadText(DraftSamples.Pasted());

        var split = DraftSplitter.Split(paragraphs, Outline.Value.Headings);

        Assert.Equal([0, 1, 2, 3, 12], split.Sections.Select(s => IndexOf(s.SectionId)));
        foreach (var index in new[] { 0, 1, 2, 3, 12 })
            Assert.Equal(string.Join("\n\n", DraftSamples.Sections[index]), Text(split, TextSections[index].Id));
        Assert.Equal("BÁO CÁO SƠ KẾT GIỮA NHIỆM KỲ (DỰ THẢO)", Assert.Single(split.Aside, a => a.Reason == AsideReason.Preamble).Paragraphs.Single());
    }

    [Fact]
    public void A_document_that_is_no_draft_of_this_outline_matches_nothing()
    {
        var minutes = DraftDocx.Build(
        [
            "*BIÊN BẢN SINH HOẠT CHI BỘ THÁNG 5/2023*",
            "1. Thành phần tham dự",
            "Có mặt 23/25 đảng viên; vắng 2 đồng chí có lý do.",
            "2. Nội dung sinh hoạt",
            "Đồng chí Bí thư quán triệt Chỉ thị của Ban Thường vụ Huyện ủy về phòng, chống thiên tai; các đảng viên thảo luận, đóng góp ý kiến.",
            "3. Kết luận của chủ tọa",
            "Giao các đoàn thể triển khai kế hoạch tháng 6.",
        ]);

        var split = Split(minutes);

        Assert.True(split.MatchedNothing);
        Assert.Empty(split.Sections);
        Assert.Contains("1. Thành phần tham dự", split.UnmatchedHeadings);
    }

    [Fact]
    public void Headings_match_whatever_their_case_diacritics_numbering_and_usual_rewording()
    {
        string? Match(string heading) => DraftSplitter.Split(
            DraftReader.ReadText($"{heading}\nNội dung của mục.\nPhần còn lại."), Outline.Value.Headings).Sections.SingleOrDefault() is { } s
            ? Outline.Value.Entries.Single(e => e.Id == s.SectionId).Title
            : null;

        // Capitals without diacritics; of the two identical headings of the outline, the first.
        Assert.Equal("I. Lãnh đạo công tác xây dựng Đảng và các tổ chức trong hệ thống chính trị", Match("LANH DAO CONG TAC XAY DUNG DANG VA CAC TO CHUC TRONG HE THONG CHINH TRI"));
        Assert.Equal("III. BÀI HỌC KINH NGHIỆM", Match("c) Bài học kinh nghiêm"));
        Assert.Equal("I. Dự kiến bối cảnh, tình hình", Match("## Dự báo tình hình"));
        Assert.Equal("2.2. Nguyên nhân chủ quan", Match("2) Nguyên nhân chủ quan"));
        Assert.Equal("A. KHÁI QUÁT ĐẶC ĐIỂM TÌNH HÌNH", Match("**Khai quat dac điem tinh hinh**"));
        // Abbreviations offices use ("KT-XH"), and "hạn chế" for the shortcomings part rather than the results.
        Assert.Equal("2. Về phát triển kinh tế - xã hội", Match("b) Hạn chế về phát triển KT-XH"));
        // One typing slip (two letters swapped) still names the section; an unrelated heading names none.
        Assert.Equal("III. BÀI HỌC KINH NGHIỆM", Match("3. Bài học kinh ngheim"));
        Assert.Null(Match("I. Danh sách đảng viên dự họp"));
    }

    [Fact]
    public void A_hostile_file_is_refused_in_vietnamese_before_anything_is_split()
    {
        var bomb = DraftReader.ReadFile("du-thao.docx", DocxLimitsTests.DocxWithDocumentPart(1L << 30));
        var pdf = DraftReader.ReadFile("du-thao.docx", "%PDF-1.7\n1 0 obj"u8.ToArray());
        var legacy = DraftReader.ReadFile("du-thao.doc", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]);
        var binary = DraftReader.ReadFile("du-thao.txt", [0x00, 0x01, 0x02, 0xFF, 0xFE, 0x00]);

        Assert.StartsWith("Tệp «du-thao.docx» khi giải nén có nội dung vượt quá giới hạn", bomb.Refusal);
        Assert.StartsWith("Tệp «du-thao.docx» là tệp PDF", pdf.Refusal);
        Assert.StartsWith("Tệp «du-thao.doc» là định dạng Word cũ", legacy.Refusal);
        Assert.StartsWith("Tệp «du-thao.txt» không phải văn bản đọc được", binary.Refusal);
        Assert.All([bomb, pdf, legacy, binary], r => Assert.Null(r.Paragraphs));
    }

    /// <summary>Figures for the report (never asserted): a twenty-page draft read from .docx and split, warm, several runs.</summary>
    [Fact]
    public void A_twenty_page_draft_is_read_and_split_and_the_time_is_reported()
    {
        // The reference draft with each section's paragraphs repeated until it holds twenty pages of 500 words.
        static bool IsContent(string line) => !line.StartsWith('*') && !line.StartsWith('[') && !line.StartsWith('|');
        var draft = DraftSamples.WrittenToTheOutline().ToList();
        var onePass = draft.Where(IsContent).Sum(l => l.Split(' ').Length);
        var repeat = (int)Math.Ceiling(20 * 500.0 / onePass);
        var docx = DraftDocx.Build(draft.SelectMany(l => IsContent(l) ? Enumerable.Repeat(l, repeat) : [l]));
        var reads = new List<double>();
        var splits = new List<double>();
        DraftSplit? split = null;
        IReadOnlyList<DraftParagraph> paragraphs = [];
        for (var run = 0; run < 9; run++)
        {
            var watch = Stopwatch.StartNew();
            paragraphs = DraftReader.ReadFile("du-thao-20-trang.docx", docx).Paragraphs!;
            reads.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            split = DraftSplitter.Split(paragraphs, Outline.Value.Headings);
            splits.Add(watch.Elapsed.TotalMilliseconds);
        }
        var wordCount = paragraphs.Sum(p => p.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        static string Median(List<double> times) => times.Order().ElementAt(times.Count / 2).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
        output.WriteLine($"{docx.Length:N0}-byte .docx, {paragraphs.Count} paragraphs, {wordCount:N0} words (~{wordCount / 500} pages of 500 words): " +
            $"read (limits check + Open XML) median {Median(reads)} ms (first {reads[0]:F1}), split median {Median(splits)} ms (first {splits[0]:F1}); " +
            $"{split!.Sections.Count} sections filled, {split.HeadingsSeen} heading candidates");
        Assert.True(wordCount >= 10_000, $"the draft must be twenty pages, it has {wordCount} words");
    }

    private static DraftSplit Split(byte[] docx)
    {
        var read = DraftReader.ReadFile("du-thao.docx", docx);
        Assert.Null(read.Refusal);
        return DraftSplitter.Split(read.Paragraphs!, Outline.Value.Headings);
    }

    private static void AssertEverySectionFilled(DraftSplit split)
    {
        Assert.Equal(TextSections.Select(e => e.Id), split.Sections.Select(s => s.SectionId));
        for (var i = 0; i < TextSections.Count; i++)
        {
            var got = Text(split, TextSections[i].Id);
            Assert.True(got == string.Join("\n\n", DraftSamples.Sections[i]), $"section «{TextSections[i].TitleInContext}» got «{got}»");
        }
    }

    private static string Text(DraftSplit split, Guid sectionId) => split.Sections.SingleOrDefault(s => s.SectionId == sectionId)?.Text ?? "";

    private static int IndexOf(Guid sectionId) => TextSections.Select((e, i) => (e, i)).Single(x => x.e.Id == sectionId).i;

    private void Print(DraftSplit split)
    {
        foreach (var s in split.Sections)
            output.WriteLine($"{Outline.Value.Entries.Single(e => e.Id == s.SectionId).Title} ← «{s.WrittenHeading}» ({s.Score:F2}, {s.Paragraphs.Count} đoạn)");
        foreach (var a in split.Aside)
            output.WriteLine($"aside {a.Reason}: «{a.Heading}» {a.Paragraphs.Count} đoạn");
    }
}
