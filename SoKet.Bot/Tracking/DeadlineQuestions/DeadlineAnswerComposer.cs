using SoKet.Bot.Campaigns.Import;
using SoKet.Bot.Text;

namespace SoKet.Bot.Tracking.DeadlineQuestions;

/// <summary>
/// Writes the answer to a deadline question from the campaign's facts for the asker's unit group: first one
/// short line per deadline — the date with its weekday, the days left or overdue as of <c>today</c> (local date in
/// Asia/Ho_Chi_Minh), what is due, where it goes — then which plan and group it is from, and the plan's own
/// sentences apart, for a card to show on demand («Trích kế hoạch»). It states only what the facts say; where the
/// plan is silent it says so and points to the receiving office.
/// </summary>
public static class DeadlineAnswerComposer
{
    private const string Conference = "hội nghị sơ kết";

    public static DeadlineAnswer Compose(QuestionKind kind, CampaignFacts campaign, UnitGroupFacts group, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(group);
        var answer = new AnswerBuilder(campaign, group);
        return kind switch
        {
            QuestionKind.ReportDeadline => ReportDeadline(answer, group, today),
            QuestionKind.ConferenceDate => ConferenceDate(answer, group, today),
            QuestionKind.DataCutOff => DataCutOff(answer, campaign),
            QuestionKind.WhereToSend => WhereToSend(answer, campaign, group, today),
            QuestionKind.DaysRemaining => DaysRemaining(answer, group, today),
            _ => new DeadlineAnswer(
                ["Đồng chí có thể hỏi, ví dụ: «Hạn nộp báo cáo khi nào?», «Bao giờ họp sơ kết?», «Số liệu tính đến ngày nào?», " +
                "«Gửi báo cáo cho ai?», «Còn mấy ngày?»."]),
        };
    }

    private static DeadlineAnswer ReportDeadline(AnswerBuilder answer, UnitGroupFacts group, DateOnly today)
    {
        var reports = Ordered(group.Deadlines.Where(d => d.Due == DueKind.Report));
        if (reports.Count == 0)
            reports = Ordered(group.Deadlines.Where(d => d.Due == DueKind.Compilation));
        if (reports.Count == 0)
            return answer.NotInPlan("thời hạn gửi báo cáo");

        foreach (var deadline in reports.Concat(group.Deadlines.Where(d => d.Due == DueKind.DraftForComment)))
            answer.Item(Describe(deadline, group, today) + answer.Recipient(deadline));
        return answer.Build();
    }

    private static DeadlineAnswer ConferenceDate(AnswerBuilder answer, UnitGroupFacts group, DateOnly today)
    {
        var conferences = Ordered(group.Deadlines.Where(d => d.Due == DueKind.Conference));
        if (conferences.Count == 0)
            return answer.NotInPlan("thời hạn tổ chức hội nghị sơ kết");

        foreach (var deadline in conferences)
            answer.Item(Describe(deadline, group, today), deadline.Source);
        foreach (var relative in group.Deadlines.Where(d => d.Timing != DeadlineTiming.OnDate && d.Due != DueKind.Conference))
            answer.Item(Describe(relative, group: null, today) + answer.Recipient(relative));
        return answer.Build();
    }

    private static DeadlineAnswer DataCutOff(AnswerBuilder answer, CampaignFacts campaign)
    {
        if (campaign.DataCutOff is null && string.IsNullOrWhiteSpace(campaign.EvaluationPeriod))
            return answer.NotInPlan("mốc tính số liệu");

        if (campaign.DataCutOff is { } cutOff)
            answer.Item($"Số liệu đánh giá tính đến {VietnameseDates.FormatWithWeekday(cutOff)}.");
        if (!string.IsNullOrWhiteSpace(campaign.EvaluationPeriod))
            answer.Item($"Thời điểm đánh giá: {campaign.EvaluationPeriod.Trim().TrimEnd('.')}.");
        answer.Quote(campaign.DataCutOffSource);
        return answer.Build();
    }

    private static DeadlineAnswer WhereToSend(AnswerBuilder answer, CampaignFacts campaign, UnitGroupFacts group, DateOnly today)
    {
        var sent = Ordered(group.Deadlines.Where(d => d.Due is DueKind.Report or DueKind.DraftForComment));
        if (sent.Count == 0)
        {
            answer.Item($"Báo cáo gửi {Destination(campaign.ReportsTo, campaign.ReportsVia)}.");
            answer.Quote(campaign.ReportsToSource);
            return answer.Build();
        }

        foreach (var deadline in sent)
        {
            var to = Destination(deadline.Recipient ?? campaign.ReportsTo, deadline.Recipient is null ? campaign.ReportsVia : deadline.Via);
            var when = When(deadline, group: null, today);
            var dated = deadline.Timing == DeadlineTiming.OnDate && deadline.Date is not null;
            answer.Item($"{Capitalized(ShortWhat(deadline))} gửi {to}, {(dated ? "hạn " : "")}{when}.", deadline.Source);
            if (deadline.Recipient is null)
                answer.Quote(campaign.ReportsToSource);
        }
        return answer.Build();
    }

    private static DeadlineAnswer DaysRemaining(AnswerBuilder answer, UnitGroupFacts group, DateOnly today)
    {
        // Without a dated report the count hangs on the conference, which the full report answer explains.
        var dated = Ordered(group.Deadlines.Where(d => d.Due == DueKind.Report && d.Date is not null && d.Timing == DeadlineTiming.OnDate));
        if (dated.Count == 0)
            return ReportDeadline(answer, group, today);

        var next = dated.FirstOrDefault(d => LastDay(d) >= today) ?? dated[^1];
        var last = LastDay(next);
        var days = last.DayNumber - today.DayNumber;
        var task = $"{Action(next.Due)} {ShortWhat(next)}";
        var date = DatePhrase(next);
        var line = days switch
        {
            > 0 => $"Còn {days} ngày đến hạn {task} ({date}).",
            0 => $"Hôm nay ({VietnameseDates.FormatWithWeekday(today)}) là hạn cuối {task}.",
            _ => $"Hạn {task} là {date}; đến hôm nay đã quá hạn {-days} ngày.",
        };
        answer.Item(line + answer.Recipient(next), next.Source);
        return answer.Build();
    }

    /// <summary>Dated deadlines by date, then the conference-relative ones in the plan's order.</summary>
    private static List<GroupDeadline> Ordered(IEnumerable<GroupDeadline> deadlines) =>
        deadlines.OrderBy(d => d.Date is null ? 1 : 0).ThenBy(d => d.Date).ToList();

    /// <summary>
    /// One line about one deadline, the date first: "Thứ Sáu, 30/06/2023 (còn 33 ngày): hạn gửi báo cáo …";
    /// <paramref name="group"/> is given when a conference-relative deadline should also say when the conference must be held.
    /// </summary>
    private static string Describe(GroupDeadline deadline, UnitGroupFacts? group, DateOnly today) =>
        deadline.Timing == DeadlineTiming.OnDate && deadline.Date is not null
            ? $"{Capitalized(When(deadline, group, today))}: hạn {Action(deadline.Due)} {ShortWhat(deadline)}."
            : $"{Capitalized(When(deadline, group, today))}: {Action(deadline.Due)} {ShortWhat(deadline)}.";

    // The verbs a plan puts before what is due ("gửi dự thảo …", "hoàn thành việc sơ kết và gửi …"): the answer says the
    // action itself, so they are dropped from what is due — "gửi gửi dự thảo" was the result of keeping them.
    private static readonly string[] LeadingVerbs = ["gui", "nop", "to chuc", "hoan thanh", "tong hop", "trinh"];

    /// <summary>
    /// What is due as a short noun phrase: the plan's words without a leading verb when they are short and say only
    /// that ("báo cáo kết quả sơ kết giữa nhiệm kỳ"); else the kind of thing due. A whole clause of the plan
    /// ("hoàn thành việc sơ kết và gửi báo cáo kết quả về … trước ngày 30/6/2023") belongs in the quotation.
    /// </summary>
    internal static string ShortWhat(GroupDeadline deadline)
    {
        var what = VietnameseText.CleanLine(deadline.What).TrimEnd('.', ';', ',', ' ');
        for (var stripped = true; stripped;)
        {
            stripped = false;
            var start = VietnameseText.Fold(what);
            foreach (var verb in LeadingVerbs)
            {
                if (start.StartsWith(verb + " ", StringComparison.Ordinal))
                {
                    what = what[(verb.Length + 1)..].TrimStart();
                    stripped = true;
                    break;
                }
            }
        }

        var words = what.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var folded = " " + VietnameseText.Fold(what) + " ";
        var clause = words is 0 or > 20 || HasDate(what)
            || ClauseMarkers.Any(m => folded.Contains(m, StringComparison.Ordinal));
        return clause ? DefaultWhat(deadline.Due) : what;
    }

    // Words that show the plan's whole sentence rather than a name of what is due: a destination, a time limit.
    private static readonly string[] ClauseMarkers = [" ve ", " truoc ngay ", " cham nhat ", " (qua "];

    // "30/6/2023", "9-6-2018": a date belongs to the answer's own date, not to what is due.
    private static bool HasDate(string text)
    {
        for (var i = 1; i + 1 < text.Length; i++)
        {
            if (text[i] is '/' or '-' && char.IsAsciiDigit(text[i - 1]) && char.IsAsciiDigit(text[i + 1]))
                return true;
        }

        return false;
    }

    private static string DefaultWhat(DueKind due) => due switch
    {
        DueKind.Report => "báo cáo sơ kết",
        DueKind.DraftForComment => "dự thảo báo cáo xin ý kiến",
        DueKind.Conference => "hội nghị sơ kết",
        DueKind.Compilation => "báo cáo tổng hợp",
        _ => "việc theo kế hoạch",
    };

    /// <summary>"thứ Sáu, 30/06/2023 (còn 33 ngày)", "ngay sau khi tổ chức hội nghị sơ kết (…)".</summary>
    private static string When(GroupDeadline deadline, UnitGroupFacts? group, DateOnly today)
    {
        switch (deadline.Timing)
        {
            case DeadlineTiming.AfterConference:
            {
                var after = deadline.OffsetDays is { } n
                    ? $"chậm nhất {n} ngày sau khi tổ chức {Conference}"
                    : $"ngay sau khi tổ chức {Conference}";
                return after + OuterLimit(deadline, today) + ConferenceBound(group, today);
            }
            case DeadlineTiming.BeforeConference:
            {
                var before = deadline.OffsetDays is { } n
                    ? $"chậm nhất {n} ngày trước khi tổ chức {Conference}"
                    : $"trước khi tổ chức {Conference}";
                return before + OuterLimit(deadline, today) + ConferenceBound(group, today);
            }
            default:
                return deadline.Date is null
                    ? "kế hoạch chưa nêu ngày cụ thể"
                    : $"{DatePhrase(deadline)} ({Remaining(deadline, today)})";
        }
    }

    private static string OuterLimit(GroupDeadline deadline, DateOnly today) =>
        deadline.Date is null ? "" : $", và không muộn hơn {DatePhrase(deadline)} ({Remaining(deadline, today)})";

    /// <summary>For a conference-relative deadline, when the group's own conference must be held, if the plan says.</summary>
    private static string ConferenceBound(UnitGroupFacts? group, DateOnly today)
    {
        var conference = group?.Deadlines.FirstOrDefault(d => d.Due == DueKind.Conference && d.Date is not null && d.Timing == DeadlineTiming.OnDate);
        return conference is null ? "" : $" (hạn tổ chức {ShortWhat(conference)}: {DatePhrase(conference)}, {Remaining(conference, today)})";
    }

    private static string DatePhrase(GroupDeadline deadline) =>
        deadline.MonthOnly
            ? $"trong {VietnameseDates.FormatMonth(deadline.Date!.Value)}"
            : VietnameseDates.FormatWithWeekday(deadline.Date!.Value);

    /// <summary>"còn 33 ngày", "hôm nay là hạn cuối", "đã quá hạn 3 ngày"; a month-only deadline runs to the month's last day.</summary>
    private static string Remaining(GroupDeadline deadline, DateOnly today)
    {
        var days = LastDay(deadline).DayNumber - today.DayNumber;
        return (days, deadline.MonthOnly) switch
        {
            ( > 0, false) => $"còn {days} ngày",
            ( > 0, true) => $"còn {days} ngày đến hết tháng",
            (0, _) => "hôm nay là hạn cuối",
            _ => $"đã quá hạn {-days} ngày",
        };
    }

    private static DateOnly LastDay(GroupDeadline deadline) =>
        deadline.MonthOnly ? VietnameseDates.EndOfMonth(deadline.Date!.Value) : deadline.Date!.Value;

    private static string Action(DueKind due) => due switch
    {
        DueKind.Report or DueKind.DraftForComment => "gửi",
        DueKind.Conference => "tổ chức",
        _ => "hoàn thành",
    };

    private static string Destination(string recipient, string? via) =>
        string.IsNullOrWhiteSpace(via) ? recipient : $"{recipient} (qua {via})";

    private static string Capitalized(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private sealed class AnswerBuilder(CampaignFacts campaign, UnitGroupFacts group)
    {
        private readonly List<string> items = [];
        private readonly List<string> quotes = [];

        private string PlanName => string.IsNullOrWhiteSpace(campaign.Code) ? campaign.Title : $"Kế hoạch số {campaign.Code}";

        public void Item(string line, string? source = null)
        {
            items.Add(line);
            Quote(source);
        }

        public void Quote(string? source)
        {
            var sentence = VietnameseText.CleanLine(source);
            if (sentence.Length > 0 && !quotes.Contains(sentence))
                quotes.Add(sentence);
        }

        /// <summary>" Nơi nhận: …" for a deadline that sends something somewhere; records its source.</summary>
        public string Recipient(GroupDeadline deadline)
        {
            Quote(deadline.Source);
            if (deadline.Due is not (DueKind.Report or DueKind.DraftForComment or DueKind.Compilation))
                return "";
            var recipient = deadline.Recipient ?? (deadline.Due == DueKind.Report ? campaign.ReportsTo : null);
            if (string.IsNullOrWhiteSpace(recipient))
                return "";
            var via = deadline.Recipient is null ? campaign.ReportsVia : deadline.Via;
            return $" Nơi nhận: {Destination(recipient, via)}.";
        }

        public DeadlineAnswer NotInPlan(string what)
        {
            var office = campaign.ReportsVia ?? campaign.ReportsTo;
            return new DeadlineAnswer(
                [$"{PlanName} không quy định {what} cho đối tượng «{group.GroupName}». Đề nghị đồng chí liên hệ {office} để được hướng dẫn."]);
        }

        public DeadlineAnswer Build() => new(items.ToList(), $"Theo {PlanName}, đối tượng «{group.GroupName}».", quotes.ToList());
    }
}
