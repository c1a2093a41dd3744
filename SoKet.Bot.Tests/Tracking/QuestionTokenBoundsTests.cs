using SoKet.Bot.Text;
using SoKet.Bot.Tracking.DeadlineQuestions;

namespace SoKet.Bot.Tests.Tracking;

/// <summary>The bounds that keep question tokenizing linear change none of its answers.</summary>
public sealed class QuestionTokenBoundsTests
{
    private static IEnumerable<string> Words(string alphabet, int maxLength)
    {
        IEnumerable<string> level = [""];
        for (var length = 0; length <= maxLength; length++)
        {
            foreach (var word in level)
                yield return word;
            level = [.. level.SelectMany(w => alphabet.Select(c => w + c))];
        }
    }

    [Fact]
    public void The_one_pass_check_agrees_with_the_full_distance()
    {
        // Every pair of words up to five letters over three letters: all the slips, and all the near misses.
        var words = Words("abc", 5).ToList();
        foreach (var a in words)
        {
            foreach (var b in words)
            {
                var expected = Math.Abs(a.Length - b.Length) <= 1 && EditDistance.DamerauLevenshtein(a, b) <= 1;
                Assert.True(expected == EditDistance.WithinOne(a, b), $"«{a}» «{b}»: expected {expected}");
            }
        }
    }

    [Theory]
    [InlineData("deadlinenop bao cao", QuestionKind.ReportDeadline)]   // the longest known word on the left
    [InlineData("khi nao nopdeadline", QuestionKind.ReportDeadline)]   // … and on the right
    [InlineData("deadlinedeadline", QuestionKind.ReportDeadline)]      // both halves as long as a known word gets
    [InlineData("baocao gui ve dau", QuestionKind.WhereToSend)]
    [InlineData("deadlinedeadlinex", QuestionKind.Unknown)]            // one letter more: no split, no correction
    public void Glued_words_split_up_to_the_longest_known_word(string text, QuestionKind expected) =>
        Assert.Equal(expected, DeadlineQuestionClassifier.Classify(text));
}
