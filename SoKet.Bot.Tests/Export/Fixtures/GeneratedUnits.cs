using System.Globalization;
using System.Text;
using SoKet.Bot.Export;

namespace SoKet.Bot.Tests.Export.Fixtures;

/// <summary>
/// Deterministic, realistic unit reports: unit names of the kinds in the seed plans (chi bộ, đảng bộ
/// cơ sở, xã, phường, cơ quan, doanh nghiệp), section texts of two to four paragraphs of 60–130 words
/// as such reports are written, and indicator rows. Shared with bench/SoKet.Benchmarks.
/// </summary>
public static class GeneratedUnits
{
    private static readonly string[] UnitPatterns =
    [
        "Đảng bộ phường {0}", "Đảng bộ xã {0}", "Chi bộ Trường Tiểu học {0}", "Chi bộ Trường THCS {0}",
        "Chi bộ Trạm Y tế {0}", "Chi bộ Công ty Cổ phần Xây dựng {0}", "Chi bộ khu phố {0}", "Đảng bộ Cơ quan {0}",
        "Chi bộ Ngân hàng Nông nghiệp chi nhánh {0}", "Chi bộ bản {0}",
    ];

    private static readonly string[] PlaceNames =
    [
        "Tân Phong", "Đoàn Kết", "Quyết Thắng", "Quyết Tiến", "Đông Phong", "San Thàng", "Nậm Loỏng", "Thạch Linh",
        "Nam Hà", "Bắc Hà", "Trần Phú", "Hưng Trí", "Kỳ Trinh", "Sơn Kim", "Tà Lèng", "Hồ Thầu", "Bình Lư", "Mường Kim",
        "Phúc Khoa", "Thân Thuộc", "Cẩm Xuyên", "Hương Khê", "Đức Thọ", "Nghi Xuân", "Thạch Hà", "Can Lộc",
    ];

    private static readonly string[] Openings =
    [
        "Ngay sau đại hội, cấp ủy đã ban hành chương trình hành động, kế hoạch cụ thể hóa nghị quyết, phân công rõ người, rõ việc, rõ thời gian hoàn thành.",
        "Trong nửa đầu nhiệm kỳ, mặc dù chịu ảnh hưởng nặng nề của dịch bệnh Covid-19, giá cả vật tư, nguyên liệu tăng cao, cấp ủy đã tập trung lãnh đạo, chỉ đạo thực hiện đạt và vượt nhiều chỉ tiêu.",
        "Công tác quán triệt, học tập nghị quyết được tổ chức nghiêm túc, với {0} lượt cán bộ, đảng viên tham gia, đạt {1}%.",
        "Cấp ủy thường xuyên quan tâm lãnh đạo công tác xây dựng Đảng về chính trị, tư tưởng, đạo đức, tổ chức và cán bộ.",
    ];

    private static readonly string[] Sentences =
    [
        "Việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh được gắn với thực hiện nhiệm vụ chính trị của đơn vị, tạo chuyển biến rõ nét trong ý thức trách nhiệm của cán bộ, đảng viên.",
        "Chất lượng sinh hoạt chi bộ từng bước được nâng lên; nội dung sinh hoạt chuyên đề bám sát tình hình thực tế, phát huy dân chủ, tăng cường tự phê bình và phê bình.",
        "Trong kỳ đã kết nạp {0} đảng viên mới, trong đó có {1} đồng chí là đoàn viên thanh niên ưu tú, góp phần trẻ hóa đội ngũ đảng viên.",
        "Công tác kiểm tra, giám sát được thực hiện theo chương trình, kế hoạch; đã kiểm tra {0} tổ chức đảng và {1} đảng viên, qua đó kịp thời chấn chỉnh những thiếu sót.",
        "Tốc độ tăng trưởng kinh tế bình quân đạt {2}%/năm; thu nhập bình quân đầu người đạt {3} triệu đồng/năm, tăng so với đầu nhiệm kỳ.",
        "Chương trình xây dựng nông thôn mới, đô thị văn minh được triển khai đồng bộ, huy động được {0} ngày công và {1} triệu đồng từ Nhân dân đóng góp.",
        "Công tác giảm nghèo bền vững đạt kết quả tích cực; tỷ lệ hộ nghèo giảm còn {2}%, không để hộ dân nào thiếu đói trong dịp Tết.",
        "Quốc phòng, an ninh được giữ vững; tình hình an ninh chính trị, trật tự an toàn xã hội ổn định, không để xảy ra điểm nóng.",
        "Công tác dân vận được tăng cường; Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội tích cực đổi mới nội dung, phương thức hoạt động, hướng về cơ sở.",
        "Tuy nhiên, việc cụ thể hóa một số chủ trương còn chậm; một số chỉ tiêu về thu ngân sách, phát triển doanh nghiệp chưa đạt kế hoạch đề ra.",
        "Nguyên nhân chủ yếu là do một số cấp ủy viên chưa phát huy hết vai trò, trách nhiệm; công tác phối hợp giữa các bộ phận có lúc chưa chặt chẽ.",
        "Ứng dụng công nghệ thông tin, chuyển đổi số trong hoạt động của cấp ủy được quan tâm; {0}% văn bản được gửi, nhận trên môi trường mạng.",
        "Đơn vị chú trọng xây dựng đội ngũ cán bộ có đủ phẩm chất, năng lực, uy tín ngang tầm nhiệm vụ; thực hiện tốt công tác quy hoạch, đào tạo, bồi dưỡng cán bộ.",
        "Doanh thu năm 2022 đạt {3} tỷ đồng, nộp ngân sách {1} tỷ đồng, bảo đảm việc làm ổn định cho {0} người lao động với thu nhập bình quân {2} triệu đồng/tháng.",
        "Trong thời gian tới, cấp ủy tiếp tục đổi mới phương thức lãnh đạo, nâng cao năng lực lãnh đạo và sức chiến đấu của tổ chức đảng, phấn đấu hoàn thành toàn diện các chỉ tiêu nghị quyết.",
        "Thực hiện nghiêm nguyên tắc tập trung dân chủ; quy chế làm việc của cấp ủy được bổ sung, sửa đổi kịp thời, phù hợp với tình hình thực tế.",
    ];

    private static readonly (string Name, string Unit, decimal Target, bool Ratio)[] IndicatorCatalog =
    [
        ("Kết nạp đảng viên mới", "đảng viên", 12, false),
        ("Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên", "%", 90, true),
        ("Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên", "%", 85, true),
        ("Thu nhập bình quân đầu người", "triệu đồng/người", 52.5m, true),
        ("Tỷ lệ hộ nghèo", "%", 4, true),
        ("Tạo việc làm mới", "lao động", 150, false),
        ("Thu ngân sách trên địa bàn", "tỷ đồng", 18.6m, false),
        ("Số xã đạt chuẩn nông thôn mới", "xã", 2, false),
    ];

    /// <summary>
    /// <paramref name="count"/> units; unless <paramref name="allSubmitted"/>, about one in eight has not
    /// submitted and one in seven of those that submitted did so late. Every submitted unit writes every
    /// section in <paramref name="writable"/>.
    /// </summary>
    public static IReadOnlyList<UnitReport> Create(int count, IReadOnlyCollection<string> writable, int seed = 2023, bool allSubmitted = false)
    {
        var random = new Random(seed);
        var deadline = new DateTimeOffset(2023, 6, 30, 17, 0, 0, TimeSpan.FromHours(7));
        var units = new List<UnitReport>(count);
        for (var i = 0; i < count; i++)
        {
            var name = UnitName(i);
            var submitted = random.Next(8) != 0 || allSubmitted;
            var late = submitted && random.Next(7) == 0;
            var texts = new Dictionary<string, string>();
            if (submitted)
            {
                foreach (var id in writable)
                    texts[id] = SectionText(random, name);
            }
            units.Add(new UnitReport(name)
            {
                Submitted = submitted,
                Late = late,
                SubmittedAt = submitted ? deadline.AddHours(late ? random.Next(2, 120) : -random.Next(1, 400)) : null,
                SectionTexts = texts,
                Indicators = submitted ? Indicators(random) : [],
            });
        }
        return units;
    }

    /// <summary>Distinct, realistic names: the pattern cycles fastest, then the place, then a number.</summary>
    public static string UnitName(int index)
    {
        var pattern = UnitPatterns[index % UnitPatterns.Length];
        var placeIndex = index / UnitPatterns.Length;
        var place = PlaceNames[placeIndex % PlaceNames.Length];
        var round = placeIndex / PlaceNames.Length;
        if (round > 0)
            place += " " + (round + 1).ToString(CultureInfo.InvariantCulture);
        return string.Format(CultureInfo.InvariantCulture, pattern, place);
    }

    /// <summary>Two to four paragraphs separated by line breaks, as a unit types them.</summary>
    public static string SectionText(Random random, string unitName)
    {
        var text = new StringBuilder(2048);
        var paragraphs = random.Next(2, 5);
        for (var p = 0; p < paragraphs; p++)
        {
            if (p > 0) text.Append('\n');
            text.Append(Fill(p == 0 ? Openings[random.Next(Openings.Length)] : Sentences[random.Next(Sentences.Length)], random));
            var sentences = random.Next(2, 5);
            for (var s = 0; s < sentences; s++)
                text.Append(' ').Append(Fill(Sentences[random.Next(Sentences.Length)], random));
            if (p == 0)
                text.Append(" Kết quả trên khẳng định sự nỗ lực của toàn thể cán bộ, đảng viên ").Append(unitName).Append('.');
        }
        return text.ToString();
    }

    private static List<IndicatorRow> Indicators(Random random)
    {
        var rows = new List<IndicatorRow>();
        foreach (var (name, unit, target, ratio) in IndicatorCatalog)
        {
            if (random.Next(4) == 0)
                continue;
            var factor = 0.8m + (decimal)random.NextDouble() * 0.4m;
            var result = Math.Round(target * factor, ratio ? 1 : 0);
            var percent = Math.Round(result / target * 100, 1);
            rows.Add(new IndicatorRow(name, unit)
            {
                Target = target,
                Result = result,
                Estimate = Math.Round(result * 1.05m, ratio ? 1 : 0),
                AchievementPercent = percent,
                Verdict = percent >= 110 ? "Vượt" : percent >= 100 ? "Đạt" : "Không đạt",
            });
        }
        return rows;
    }

    private static string Fill(string sentence, Random random) => string.Format(CultureInfo.InvariantCulture, sentence,
        random.Next(3, 60),
        random.Next(1, 30),
        VietnameseFormat.Number(Math.Round((decimal)(random.NextDouble() * 8 + 1), 1)),
        VietnameseFormat.Number(random.Next(40, 900)));
}
