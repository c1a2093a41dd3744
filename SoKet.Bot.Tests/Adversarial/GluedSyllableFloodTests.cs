using System.Text;
using SoKet.Bot.Text;
using SoKet.Bot.Tracking.DeadlineQuestions;

namespace SoKet.Bot.Tests.Adversarial;

/// <summary>
/// Issue #13: one message of glued syllables ("hannophannop…") used to cost minutes of CPU in the question
/// tokenizer, before any permission check. Matching now reads a bounded prefix and the tokenizer is linear;
/// these tests pin what such messages mean. Speed is measured outside the suite, never asserted here.
/// </summary>
public sealed class GluedSyllableFloodTests
{
    private const int Size = 256 * 1024;

    private static string Repeat(string unit, int length) =>
        new StringBuilder(length + unit.Length).Insert(0, unit, length / unit.Length + 1).ToString(0, length);

    /// <summary>Floods by name (the texts themselves would bloat test discovery).</summary>
    private static string Flood(string kind) => kind switch
    {
        "glued" => Repeat("hannop", Size),                 // "hạn nộp" without spaces, over and over
        "glued with diacritics" => Repeat("hạnnộp", Size),
        "glued, decomposed" => Repeat("hạnnộp", Size).Normalize(NormalizationForm.FormD),
        "glued keywords that split alone" => Repeat("baocao", Size),
        "telex leftovers" => Repeat("hanjnopj", Size),
        "one letter" => Repeat("a", Size),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [InlineData("glued")]
    [InlineData("glued with diacritics")]
    [InlineData("glued, decomposed")]
    [InlineData("glued keywords that split alone")]
    [InlineData("telex leftovers")]
    [InlineData("one letter")]
    public void A_flood_is_no_deadline_question(string kind)
    {
        var text = Flood(kind);

        Assert.Equal(QuestionKind.Unknown, DeadlineQuestionClassifier.Classify(text));
        Assert.Equal(QuestionKind.Unknown, DeadlineQuestionClassifier.Classify(VietnameseText.FoldForMatching(text)));
    }

    [Fact]
    public void A_question_followed_by_one_huge_word_reads_as_it_did_before_the_cap()
    {
        // Six words, the last one unknown however long: by the classifier's own rules the deadline question stands.
        var text = "hạn nộp báo cáo khi nào " + Flood("glued");

        Assert.Equal(QuestionKind.ReportDeadline, DeadlineQuestionClassifier.Classify(text));
    }

    [Fact]
    public void A_long_text_full_of_questions_is_content_not_a_question()
    {
        var pasted = Repeat("Hạn nộp báo cáo khi nào? ", Size);

        Assert.Equal(QuestionKind.Unknown, DeadlineQuestionClassifier.Classify(pasted));
    }

    [Fact]
    public void Matching_reads_a_bounded_prefix_of_a_flood()
    {
        var glued = VietnameseText.FoldForMatching(Repeat("hạnnộp", Size));
        Assert.Equal(VietnameseText.MatchingMaxChars, glued.Length);
        Assert.StartsWith("hannophannop", glued, StringComparison.Ordinal);

        var words = VietnameseText.FoldForMatching(Repeat("Hạn nộp, báo cáo! ", Size)).Split(' ');
        Assert.Equal(VietnameseText.MatchingMaxWords, words.Length);
        Assert.Equal(new[] { "han", "nop", "bao", "cao" }, words[..4]);

        var tokens = new QuestionTokens(["han", "nop", "bao", "cao"]).Read(Repeat("hannop", Size));
        Assert.Equal(Repeat("hannop", VietnameseText.MatchingMaxChars), Assert.Single(tokens));
    }

    [Fact]
    public void A_surrogate_pair_is_never_cut_in_half()
    {
        var text = new string('a', VietnameseText.MatchingMaxChars - 1) + "😀" + "tail";

        var prefix = VietnameseText.MatchingPrefix(text);

        Assert.Equal(VietnameseText.MatchingMaxChars - 1, prefix.Length);
        Assert.False(char.IsHighSurrogate(prefix[^1]));
    }

    [Fact]
    public void Content_is_folded_whole()
    {
        const string sentence = "Hạn nộp, báo cáo! ";
        var count = Size / sentence.Length;
        var text = string.Concat(Enumerable.Repeat(sentence, count));

        var folded = VietnameseText.FoldWords(text);

        Assert.Equal(count * 4, folded.Split(' ').Length);
        Assert.EndsWith("han nop bao cao", folded, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Trợ giúp!")]
    [InlineData("  HẠN   nộp\u00A0báo-cáo… khi nào???")]
    [InlineData("gưi bc cho ai")]
    [InlineData("Nghị quyết 18-NQ/TW, ngày 30/6/2023")]
    [InlineData("a\u0301\u0323 stray marks \u0300 here")]
    [InlineData("emoji 😀 and 𝔸 letters")]
    [InlineData("")]
    public void Below_the_cap_matching_folds_as_it_always_did(string text)
    {
        // The folding matching used before the cap: Fold, punctuation to spaces, spaces collapsed.
        var before = VietnameseText.CollapseSpaces(new string([.. VietnameseText.Fold(text).Select(c => char.IsLetterOrDigit(c) ? c : ' ')]));

        Assert.Equal(before, VietnameseText.FoldForMatching(text));
        Assert.Equal(before, VietnameseText.FoldForMatching(text.Normalize(NormalizationForm.FormD)));
        Assert.Equal(before, VietnameseText.FoldWords(text));
    }
}
