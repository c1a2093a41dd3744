using SoKet.Bot.Text;

namespace SoKet.Bot.Tracking.DeadlineQuestions;

/// <summary>
/// Recognises deadline questions typed in plain Vietnamese, with or without diacritics, in any
/// Unicode form, with chat shorthand and small typos. Deterministic keyword patterns over folded
/// words; when a message does not clearly match one kind it is <see cref="QuestionKind.Unknown"/>,
/// because a help card costs the user one tap while a wrong answer about a deadline costs a unit
/// its report.
/// </summary>
public static class DeadlineQuestionClassifier
{
    // A drafted paragraph pasted into the chat is not a question, whatever words it contains.
    private const int MaxQuestionWords = 25;
    // Short keyword queries ("hạn nộp báo cáo sơ kết") are questions without a question word.
    private const int KeywordQueryWords = 6;

    private static readonly string[] When =
        ["khi nao", "bao gio", "luc nao", "hom nao", "ngay nao", "ngay may", "thu may", "thang may", "thang nao",
         "tuan nao", "bua nao", "thoi gian nao", "ngay bao nhieu", "bao lau", "when"];

    private static readonly string[] Until =
        ["den ngay", "den thang", "den nam", "den khi", "den bao gio", "den luc", "den hom", "toi ngay", "toi thang",
         "toi khi", "toi bao gio", "tinh den", "tinh toi", "uoc tinh", "du uoc"];

    private static readonly string[] DataCutOffPhrases =
        ["thoi diem danh gia", "moc danh gia", "thoi ky danh gia", "ky danh gia", "giai doan danh gia", "moc so lieu",
         "chot so lieu"];

    private static readonly string[] DeadlineNouns = ["han", "deadline", "due"];

    private static readonly string[] DeadlineTerms =
        ["han nop", "han gui", "han chot", "han cuoi", "thoi han", "han bao cao", "deadline"];

    // "đã", "rồi": the user is telling, not asking ("chi bộ đã nộp đúng hạn rồi").
    private static readonly string[] StatementMarkers = ["da", "roi"];

    private static readonly string[] SendingVerbs = ["nop", "gui", "chuyen"];

    private static readonly string[] HowManyDays = ["may ngay", "bao nhieu ngay", "bao lau", "may hom", "may tuan"];

    private static readonly string[] LatenessTerms = ["qua han", "tre han", "muon han", "het han"];

    private static readonly string[] LateWords = ["tre", "muon", "cham"];

    private static readonly string[] LatenessQuestions = ["chua", "khong", "roi", "may ngay", "bao nhieu ngay"];

    private static readonly string[] WhereWithSending =
        ["cho ai", "gui ai", "nop ai", "qua ai", "ai nhan", "cho nao", "noi nao", "van phong nao", "co quan nao",
         "ban nao", "dia chi", "email"];

    private static readonly string[] WhereOnItsOwn = ["noi nhan", "nguoi nhan", "ai nhan", "noi nop", "noi gui"];

    private static readonly string[] WhereWithReport = ["ve dau", "cho ai", "qua dau", "gui ai"];

    private static readonly string[] WordsBeforeWhereDau = ["gui", "nop", "ve", "o", "qua", "toi", "den", "chuyen"];

    // "đầu tháng", "đầu năm": folded, "đầu" (beginning) and "đâu" (where) are the same word.
    private static readonly string[] WordsAfterBeginningDau = ["thang", "nam", "tuan", "ky", "nhiem", "quy", "tien", "gio"];

    private static readonly string[] Interrogatives =
        ["nao", "gi", "may", "bao nhieu", "dau", "ai", "sao", "the nao", "cho hoi", "xin hoi", "em hoi", "toi hoi", "minh hoi"];

    // "không", "chưa" ask only at the end ("nộp chưa?"); inside a sentence they negate ("không quá hạn").
    private static readonly string[] FinalQuestionWords = ["khong", "chua"];

    // Courtesy that may follow the question word: "… chưa ạ", "… không vậy".
    private static readonly string[] TrailingParticles = ["a", "vay", "nhi", "nhe", "ha", "ah", "ak", "day", "the"];

    // "sơ kết" is the event unless it names a document ("báo cáo sơ kết", "kế hoạch sơ kết").
    private static readonly string[] DocumentsNamedSoKet = ["cao", "hoach", "cuong", "dung"];

    /// <summary>
    /// Two-word terms whose first or second word would otherwise read as a keyword: "hạn chế" is a
    /// report section, not a deadline; "tổng hợp" and "phù hợp" are not meetings ("họp").
    /// </summary>
    private static readonly (string Phrase, string Marker)[] Masks =
    [
        ("han che", "#limitation"), ("gioi han", "#limit"), ("han muc", "#limit"), ("han quoc", "#korea"),
        ("han hanh", "#honour"), ("han han", "#drought"), ("han hoan", "#joy"),
        ("gia han", Extension),
        ("tong hop", "#compile"), ("phu hop", "#fit"), ("ket hop", "#combine"), ("phoi hop", "#coordinate"),
        ("thich hop", "#fit"), ("truong hop", "#case"), ("hop tac", "#cooperate"), ("hop dong", "#contract"),
        ("hop le", "#valid"), ("hop ly", "#reasonable"), ("hop nhat", "#merge"), ("hop phap", "#lawful"),
        ("to hop", "#combination"), ("hon hop", "#mixed"), ("hop thu", "#mailbox"),
    ];

    // Asking for an extension ("xin gia hạn") is a request to the office, not a question about a date.
    private const string Extension = "#extension";

    // "quá hạn thì sao?", "nộp muộn có sao không?": asking about consequences, which no date answers.
    private static readonly string[] Consequences = ["thi sao", "co sao", "bi sao", "bi gi"];

    private static readonly string[] OtherKnownWords =
        ["bao", "cao", "so", "ket", "hoi", "nghi", "hop", "lieu", "danh", "gia", "ke", "hoach", "de", "cuong", "noi",
         "dung", "con", "nua", "kip", "o", "phai", "la", "thi", "duoc", "ngay", "thang"];

    private static readonly QuestionTokens Reader = new(Vocabulary());

    /// <summary>
    /// The kind of deadline question <paramref name="text"/> asks, or <see cref="QuestionKind.Unknown"/>. Only the
    /// beginning of the text is read (<see cref="VietnameseText.MatchingMaxChars"/>, <see cref="VietnameseText.MatchingMaxWords"/>):
    /// the word cap is above <see cref="MaxQuestionWords"/>, so a capped text is still too long to be a question.
    /// </summary>
    public static QuestionKind Classify(string? text)
    {
        var words = Reader.Read(text);
        if (words.Count == 0 || words.Count > MaxQuestionWords)
            return QuestionKind.Unknown;
        var q = new WordSequence(Masked(words));
        if (q.Has(Extension) || q.HasAny(Consequences))
            return QuestionKind.Unknown;

        var when = q.HasAny(When);
        var asked = when || q.HasAny(Interrogatives) || q.EndsWithAny(FinalQuestionWords, TrailingParticles)
            || (text is not null && VietnameseText.MatchingPrefix(text).Contains('?'))
            || ((words.Count <= KeywordQueryWords || q.HasAny(DeadlineTerms)) && !q.HasAny(StatementMarkers));
        // A statement is never a deadline question, whatever it mentions: this is what keeps a drafted
        // sentence ("số liệu tính đến ngày 30/5/2023 …") from interrupting the drafting dialog.
        if (!asked)
            return QuestionKind.Unknown;

        var deadline = q.HasAny(DeadlineNouns);
        var sending = q.HasAny(SendingVerbs);
        var report = q.Has("bao cao");
        var meeting = q.Has("hop") || q.Has("hoi nghi");
        var soKetEvent = q.HasNotAfter("so ket", DocumentsNamedSoKet);
        var conference = (meeting && !sending) || (soKetEvent && !sending && !report);
        var days = AsksDaysLeft(q);

        if (AsksDataCutOff(q, when, sending))
            return QuestionKind.DataCutOff;
        if (days)
            return conference ? QuestionKind.ConferenceDate : QuestionKind.DaysRemaining;
        if (AsksWhere(q, sending, report))
            return when || deadline ? QuestionKind.ReportDeadline : QuestionKind.WhereToSend;
        if (conference && (when || deadline))
            return QuestionKind.ConferenceDate;
        if (deadline || ((sending || report) && when))
            return QuestionKind.ReportDeadline;
        return QuestionKind.Unknown;
    }

    /// <summary>True when <paramref name="text"/> is a deadline question, so a dialog can answer it and carry on.</summary>
    public static bool IsDeadlineQuestion(string? text) => Classify(text) != QuestionKind.Unknown;

    private static bool AsksDataCutOff(WordSequence q, bool when, bool sending) =>
        q.HasAny(DataCutOffPhrases)
        || (q.Has("so lieu") && (q.HasAny(Until) || (when && !sending)))
        || (q.Has("danh gia") && q.HasAny(Until) && !sending)
        || (q.HasAny(["tinh den", "tinh toi"]) && when);

    private static bool AsksDaysLeft(WordSequence q) =>
        q.HasFollowedWithin("con", HowManyDays, maxGap: 2)
        || HowManyDays.Any(d => q.Has(d + " nua"))
        || q.Has("con kip")
        || q.Has("con han")
        || (q.HasAny(LatenessTerms) && q.HasAny(LatenessQuestions))
        || (q.HasAny(LateWords) && q.HasAny(HowManyDays));

    private static bool AsksWhere(WordSequence q, bool sending, bool report) =>
        q.HasAny(WhereOnItsOwn)
        || (sending && (q.HasAny(WhereWithSending) || HasWhereDau(q)))
        || (report && q.HasAny(WhereWithReport));

    private static bool HasWhereDau(WordSequence q)
    {
        for (var i = 1; i < q.Words.Count; i++)
        {
            if (q.Words[i] != "dau" || !WordsBeforeWhereDau.Contains(q.Words[i - 1]))
                continue;
            if (i + 1 < q.Words.Count && WordsAfterBeginningDau.Contains(q.Words[i + 1]))
                continue;
            return true;
        }
        return false;
    }

    private static List<string> Masked(IReadOnlyList<string> words)
    {
        var result = new List<string>(words.Count);
        for (var i = 0; i < words.Count; i++)
        {
            var mask = i + 1 < words.Count ? MaskFor(words[i], words[i + 1]) : null;
            if (mask is null)
            {
                result.Add(words[i]);
                continue;
            }
            result.Add(mask);
            i++;
        }
        return result;
    }

    private static string? MaskFor(string first, string second)
    {
        foreach (var (phrase, marker) in Masks)
        {
            var space = phrase.IndexOf(' ', StringComparison.Ordinal);
            if (phrase.AsSpan(0, space).SequenceEqual(first) && phrase.AsSpan(space + 1).SequenceEqual(second))
                return marker;
        }
        return null;
    }

    private static IEnumerable<string> Vocabulary() =>
        new[] { When, Until, DataCutOffPhrases, DeadlineNouns, DeadlineTerms, StatementMarkers, SendingVerbs, HowManyDays, LatenessTerms, LateWords,
                LatenessQuestions, FinalQuestionWords, TrailingParticles, WhereWithSending, WhereOnItsOwn, WhereWithReport, WordsBeforeWhereDau,
                WordsAfterBeginningDau, Interrogatives, DocumentsNamedSoKet, OtherKnownWords, Consequences,
                Masks.Select(m => m.Phrase).ToArray() }
            .SelectMany(list => list)
            .SelectMany(phrase => phrase.Split(' '))
            .Distinct(StringComparer.Ordinal);

    /// <summary>Folded words of one message, searched for whole-word phrases.</summary>
    private sealed class WordSequence(IReadOnlyList<string> words)
    {
        private readonly string padded = " " + string.Join(' ', words) + " ";

        public IReadOnlyList<string> Words { get; } = words;

        public bool Has(string phrase) => padded.Contains(" " + phrase + " ", StringComparison.Ordinal);

        public bool HasAny(IEnumerable<string> phrases) => phrases.Any(Has);

        /// <summary>The last word, trailing <paramref name="particles"/> set aside, is one of <paramref name="words"/>.</summary>
        public bool EndsWithAny(string[] words, string[] particles)
        {
            var last = Words.Count - 1;
            while (last >= 0 && particles.Contains(Words[last]))
                last--;
            return last >= 0 && words.Contains(Words[last]);
        }

        /// <summary>The phrase occurs at least once not directly after one of <paramref name="previousWords"/>.</summary>
        public bool HasNotAfter(string phrase, string[] previousWords)
        {
            for (var i = 0; i < Words.Count; i++)
            {
                if (StartsAt(i, phrase) && (i == 0 || !previousWords.Contains(Words[i - 1])))
                    return true;
            }
            return false;
        }

        /// <summary><paramref name="word"/> followed, with at most <paramref name="maxGap"/> words between, by one of the phrases.</summary>
        public bool HasFollowedWithin(string word, string[] phrases, int maxGap)
        {
            for (var i = 0; i < Words.Count; i++)
            {
                if (Words[i] != word)
                    continue;
                for (var start = i + 1; start <= i + 1 + maxGap && start < Words.Count; start++)
                {
                    if (phrases.Any(p => StartsAt(start, p)))
                        return true;
                }
            }
            return false;
        }

        private bool StartsAt(int index, string phrase)
        {
            var parts = phrase.Split(' ');
            if (index + parts.Length > Words.Count)
                return false;
            for (var k = 0; k < parts.Length; k++)
            {
                if (Words[index + k] != parts[k])
                    return false;
            }
            return true;
        }
    }
}
