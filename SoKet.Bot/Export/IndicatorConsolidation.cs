using SoKet.Bot.Text;

namespace SoKet.Bot.Export;

/// <summary>
/// Combines the units' indicator rows into one table. Rows match when the indicator name and the unit
/// of measure match after folding (case, diacritics, punctuation and spacing ignored), so "Kết nạp đảng
/// viên mới" typed without diacritics still adds up with the others.
/// </summary>
/// <remarks>
/// Counts and amounts (người, hộ, km, tỷ đồng…) are summed. Rates and ratios (a unit of measure with %,
/// ‰ or a "/", such as "%", "triệu đồng/người") cannot be added: their rows show the plain average of
/// the units that reported a figure, marked "(bình quân)" and explained in a note, because a weighted
/// average would need each unit's base figures, which reports do not carry. The same name under
/// different units of measure is never merged; a note points it out. Achievement on a combined row is
/// recomputed from its own result and target, the other way round (target ÷ result) when the units marked
/// the row lower-is-better, as each unit's own table does; the verdict is left for the officer to assess.
/// </remarks>
public static class IndicatorConsolidation
{
    public sealed record Result(IndicatorTable Table, IReadOnlyList<string> Notes);

    public static Result Combine(IReadOnlyList<UnitReport> reports)
    {
        var groups = new Dictionary<(string Name, string Unit), Group>();
        var order = new List<Group>();
        var reportingUnits = 0;
        foreach (var report in reports)
        {
            if (!report.Submitted || report.Indicators.Count == 0)
                continue;
            reportingUnits++;
            foreach (var row in report.Indicators)
            {
                var key = (VietnameseText.FoldWords(row.Name), VietnameseText.FoldWords(row.UnitOfMeasure));
                if (!groups.TryGetValue(key, out var group))
                {
                    group = new Group(row.Name.Trim(), row.UnitOfMeasure.Trim(), IsRatio(row.UnitOfMeasure));
                    groups.Add(key, group);
                    order.Add(group);
                }
                group.Add(row);
            }
        }

        var rows = order.Select(g => g.ToRow(reportingUnits)).ToList();
        var notes = new List<string>();
        if (order.Any(g => g.IsRatio))
            notes.Add("Ghi chú: Các chỉ tiêu tính bằng tỷ lệ hoặc bình quân (%, ‰, …/người) không cộng dồn; số liệu ghi “(bình quân)” là bình quân số học của các đơn vị có số liệu, chưa gia quyền theo quy mô từng đơn vị.");
        if (order.Any(g => g.Units < reportingUnits))
            notes.Add($"Chỉ tiêu có ghi “(x/{reportingUnits} đơn vị)” được tổng hợp trên số đơn vị có số liệu của chỉ tiêu đó.");
        foreach (var name in order.GroupBy(g => VietnameseText.FoldWords(g.Name)).Where(n => n.Count() > 1))
            notes.Add($"Chỉ tiêu “{name.First().Name}” được các đơn vị báo cáo theo các đơn vị tính khác nhau ({string.Join(", ", name.Select(g => g.UnitOfMeasure))}) nên được tổng hợp riêng theo từng đơn vị tính.");
        if (rows.Count > 0)
            notes.Add("Cột “Đánh giá” của bảng tổng hợp do cán bộ tổng hợp xác định.");
        return new Result(new IndicatorTable(rows), notes);
    }

    /// <summary>Units of measure that express a rate or a per-something ratio, which must not be summed.</summary>
    public static bool IsRatio(string unitOfMeasure)
    {
        var unit = unitOfMeasure.Trim();
        if (unit.Contains('%') || unit.Contains('‰') || unit.Contains('/'))
            return true;
        var folded = VietnameseText.FoldWords(unit);
        return folded.StartsWith("ty le", StringComparison.Ordinal) || folded.StartsWith("phan tram", StringComparison.Ordinal)
            || folded.Contains("binh quan", StringComparison.Ordinal);
    }

    private sealed class Group(string name, string unitOfMeasure, bool isRatio)
    {
        private readonly Sum _target = new(), _result = new(), _estimate = new();
        private int _bothTargetAndResult, _lowerIsBetter;

        public string Name { get; } = name;
        public string UnitOfMeasure { get; } = unitOfMeasure;
        public bool IsRatio { get; } = isRatio;
        public int Units { get; private set; }

        public void Add(IndicatorRow row)
        {
            Units++;
            _target.Add(row.Target);
            _result.Add(row.Result);
            _estimate.Add(row.Estimate);
            if (row.Target is not null && row.Result is not null)
                _bothTargetAndResult++;
            if (row.LowerIsBetter)
                _lowerIsBetter++;
        }

        public IndicatorRow ToRow(int reportingUnits)
        {
            var target = IsRatio ? _target.Mean : _target.Total;
            var result = IsRatio ? _result.Mean : _result.Total;
            var suffix = (IsRatio ? " (bình quân)" : "") + (Units < reportingUnits ? $" ({Units}/{reportingUnits} đơn vị)" : "");
            // Only a like-for-like ratio: the same units must have given both the target and the result.
            var comparable = _bothTargetAndResult == _target.Count && _bothTargetAndResult == _result.Count;
            return new IndicatorRow(Name + suffix, UnitOfMeasure)
            {
                Target = target,
                Result = result,
                Estimate = IsRatio ? _estimate.Mean : _estimate.Total,
                AchievementPercent = comparable && target is { } t && result is { } r ? Achievement(t, r) : null,
            };
        }

        /// <summary>
        /// Result ÷ target, or target ÷ result when every unit marked the row lower-is-better (a poverty rate below its
        /// target is achieved, not 77% achieved). Units that disagree on the direction leave the figure blank.
        /// </summary>
        private decimal? Achievement(decimal target, decimal result)
        {
            if (_lowerIsBetter == 0)
                return target != 0 ? result / target * 100 : null;
            if (_lowerIsBetter == Units && result > 0)
                return target / result * 100;
            return null;
        }
    }

    private sealed class Sum
    {
        public int Count { get; private set; }
        private decimal _total;

        public void Add(decimal? value)
        {
            if (value is not { } v)
                return;
            Count++;
            _total += v;
        }

        public decimal? Total => Count == 0 ? null : _total;
        public decimal? Mean => Count == 0 ? null : _total / Count;
    }
}
