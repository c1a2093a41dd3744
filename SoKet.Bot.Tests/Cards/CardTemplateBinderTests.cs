using System.Text;
using System.Text.Json.Nodes;
using SoKet.Bot.Cards;

namespace SoKet.Bot.Tests.Cards;

/// <summary>
/// The binder's behaviour spelled out case by case. Each expectation was observed with
/// adaptivecards-templating 2.3.1 (the same cases also run against it in parity-cases.json).
/// </summary>
public sealed class CardTemplateBinderTests
{
    private static JsonNode? Bind(string template, string? data) =>
        CardTemplateBinder.Parse(CardJson.Parse(template), "test").Bind(data is null ? null : CardJson.Parse(data));

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.Equal(CardJson.Normalize(CardJson.Parse(expected)), CardJson.Normalize(actual));

    [Fact]
    public void Single_binding_keeps_the_json_type()
    {
        var card = Bind(
            """{"n": "${n}", "b": "${b}", "z": "${z}", "o": "${o}", "a": "${a}", "s": "${s}"}""",
            """{"n": 7, "b": false, "z": null, "o": {"k": [1, 2]}, "a": [1, "x"], "s": "7"}""");

        AssertJson("""{"n": 7, "b": false, "z": null, "o": {"k": [1, 2]}, "a": [1, "x"], "s": "7"}""", card);
    }

    [Fact]
    public void Text_around_a_binding_or_several_bindings_make_a_string()
    {
        var card = Bind(
            """{"t": "Hạn nộp: ${deadline} (còn ${daysLeft} ngày)", "u": " ${n}", "v": "${n}${b}"}""",
            """{"deadline": "30/6/2023", "daysLeft": 7, "n": 1.5, "b": true}""");

        AssertJson("""{"t": "Hạn nộp: 30/6/2023 (còn 7 ngày)", "u": " 1.5", "v": "1.5true"}""", card);
    }

    [Fact]
    public void A_constant_binding_is_a_string()
    {
        AssertJson("""{"a": "1", "b": "true", "c": "x"}""", Bind("""{"a": "${1}", "b": "${true}", "c": "${'x'}"}""", "{}"));
    }

    [Fact]
    public void Numbers_in_text_are_written_as_javascript_writes_them()
    {
        var card = Bind("""{"t": "${a}|${b}|${c}|${d}|${e}"}""", """{"a": 1e21, "b": 1e-7, "c": 0.000001, "d": 2.50, "e": 12345678901234567890}""");

        AssertJson("""{"t": "1e+21|1e-7|0.000001|2.5|12345678901234567000"}""", card);
    }

    [Fact]
    public void Paths_indexes_and_root()
    {
        var card = Bind(
            """{"a": "${unit.leader.name}", "b": "${items[1].x}", "c": "${$root.title}", "d": "${UNIT.Name}", "e": "${items[0]}"}""",
            """{"title": "T", "unit": {"name": "Chi bộ 1", "leader": {"name": "Đ/c Hương"}}, "items": [{"x": "một"}, {"x": "hai"}]}""");

        AssertJson("""{"a": "Đ/c Hương", "b": "hai", "c": "T", "d": "Chi bộ 1", "e": {"x": "một"}}""", card);
    }

    [Fact]
    public void Property_names_match_ignoring_case_at_any_length()
    {
        // Keys are compared lower-cased in a stack buffer up to 128 characters and in an array beyond: both lengths,
        // and a key of another length that must not match.
        var shortKey = "TenDonVi";
        var longKey = "Ten" + new string('X', 140);
        var card = Bind(
            $$"""{"a": "${{{shortKey.ToLowerInvariant()}}}", "b": "${{{longKey.ToLowerInvariant()}}}", "c": "${tendonvi2}"}""",
            $$"""{"{{shortKey}}": "Chi bộ 1", "{{longKey}}": "Chi bộ 2"}""");

        AssertJson("""{"a": "Chi bộ 1", "b": "Chi bộ 2", "c": "${tendonvi2}"}""", card);
    }

    [Fact]
    public void Missing_properties_show_their_binding()
    {
        var card = Bind(
            """{"a": "${missing}", "b": "Kính gửi ${unit.missing} và ${items[5].x}", "c": "${unit['missing']}", "d": "${!missing}"}""",
            """{"unit": {}, "items": []}""");

        // A missing property in a value is the binding's own text; element access on a missing key is
        // undefined, which leaves the property out; operators see undefined, not the text.
        AssertJson("""{"a": "${missing}", "b": "Kính gửi ${unit.missing} và ${items[5].x}", "d": true}""", card);
    }

    [Fact]
    public void Null_inside_text_fails_like_the_reference()
    {
        var e = Assert.Throws<CardTemplateException>(() => Bind("""{"body": [{"text": "Đơn vị: ${unit}"}]}""", """{"unit": null}"""));

        Assert.Contains("'test'", e.Message, StringComparison.Ordinal);
        Assert.Contains("$.body[0].text", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_over_an_array_repeats_the_element_with_index_and_root()
    {
        var card = Bind(
            """
            {"body": [
              {"type": "TextBlock", "text": "đầu"},
              {"type": "Container", "$data": "${units}", "items": [
                {"type": "TextBlock", "text": "${$index}. ${name} – ${$root.plan}"},
                {"type": "TextBlock", "$data": "${members}", "text": "${$data} (${$index})"}
              ]},
              {"type": "TextBlock", "text": "cuối ${$index}"}
            ]}
            """,
            """{"plan": "125-KH/ThU", "units": [{"name": "A", "members": ["x", "y"]}, {"name": "B", "members": []}]}""");

        AssertJson(
            """
            {"body": [
              {"type": "TextBlock", "text": "đầu"},
              {"type": "Container", "items": [
                {"type": "TextBlock", "text": "0. A – 125-KH/ThU"},
                {"type": "TextBlock", "text": "x (0)"},
                {"type": "TextBlock", "text": "y (1)"}
              ]},
              {"type": "Container", "items": [
                {"type": "TextBlock", "text": "1. B – 125-KH/ThU"}
              ]},
              {"type": "TextBlock", "text": "cuối ${$index}"}
            ]}
            """,
            card);
    }

    [Fact]
    public void Data_over_an_object_changes_the_context()
    {
        AssertJson("""{"u": {"n": "Chi bộ 1"}}""", Bind("""{"u": {"$data": "${unit}", "n": "${name}"}}""", """{"unit": {"name": "Chi bộ 1"}}"""));
    }

    [Fact]
    public void Data_on_the_root_repeats_the_whole_template()
    {
        var result = Bind("""{"$data": "${items}", "x": "${$data}"}""", """{"items": [1, 2]}""");

        AssertJson("""[{"x": 1}, {"x": 2}]""", result);
    }

    [Fact]
    public void When_false_removes_the_element()
    {
        var card = Bind(
            """{"body": [{"t": "admin", "$when": "${isAdmin}"}, {"t": "luôn có"}], "x": {"$when": "${isAdmin}"}, "y": [{"$data": "${none}"}]}""",
            """{"isAdmin": false, "none": []}""");

        // Removed from an array; a property whose object is removed becomes null.
        AssertJson("""{"body": [{"t": "luôn có"}], "x": null, "y": []}""", card);
    }

    [Theory]
    [InlineData("${flag}", true)]
    [InlineData("${!flag}", false)]
    [InlineData("${count > 0}", true)]
    [InlineData("${count >= 4}", false)]
    [InlineData("${state == 'drafting' && !done}", true)]
    [InlineData("${equals(state, 'submitted') || done}", false)]
    [InlineData("${not(done)}", true)]
    [InlineData("${!empty(items)}", true)]
    [InlineData("${count(items) == 2}", true)]
    [InlineData("${length(state) > 3}", true)]
    [InlineData("${count}", false)] // only the boolean true keeps an element: 3 is not true
    [InlineData("${state}", false)]
    [InlineData("${missing}", false)]
    [InlineData("${!missing}", true)]
    [InlineData("${missing > 0}", false)]
    [InlineData("${empty(missing)}", true)]
    public void When_keeps_the_element_only_for_true(string condition, bool kept)
    {
        var template = new JsonObject { ["a"] = new JsonArray(new JsonObject { ["$when"] = condition, ["v"] = 1 }) };
        var data = CardJson.Parse("""{"flag": true, "count": 3, "state": "drafting", "done": false, "items": [1, 2]}""");

        var result = CardTemplateBinder.Parse(template, "test").Bind(data)!["a"]!.AsArray();

        Assert.Equal(kept ? 1 : 0, result.Count);
    }

    [Fact]
    public void Vietnamese_quotes_and_newlines_survive()
    {
        const string text = "Chỉ thị \"số 05\" và 'nghị quyết'\nDòng hai\tcó tab \\ và “ngoặc kép”";
        var data = new JsonObject { ["t"] = text };

        var card = CardTemplateBinder.Parse(CardJson.Parse("""{"a": "${t}", "b": "«${t}»"}"""), "test").Bind(data)!;

        Assert.Equal(text, card["a"]!.GetValue<string>());
        Assert.Equal("«" + text + "»", card["b"]!.GetValue<string>());
    }

    [Fact]
    public void Decomposed_unicode_stays_as_given()
    {
        var decomposed = "Hạn chế, nguyên nhân".Normalize(NormalizationForm.FormD);
        var template = new JsonObject { ["a"] = "${t}", ["b"] = decomposed + " ${t}", ["c"] = decomposed };
        var data = new JsonObject { ["t"] = decomposed };

        var card = CardTemplateBinder.Parse(template, "test").Bind(data)!;

        Assert.Equal(decomposed, card["a"]!.GetValue<string>());
        Assert.Equal(decomposed + " " + decomposed, card["b"]!.GetValue<string>());
        Assert.Equal(decomposed, card["c"]!.GetValue<string>());
        Assert.NotEqual("Hạn chế, nguyên nhân".Normalize(NormalizationForm.FormC), card["a"]!.GetValue<string>());
    }

    [Fact]
    public void Reserved_keys_are_removed_and_property_names_are_not_bound()
    {
        AssertJson("""{"${t}": "x", "$schema": "s"}""", Bind("""{"$root": 1, "$index": 2, "$host": 3, "${t}": "${t}", "$schema": "s"}""", """{"t": "x"}"""));
    }

    [Fact]
    public void Escaped_dollar_is_literal()
    {
        AssertJson("""{"a": "${t} = x"}""", Bind("""{"a": "\\${t} = ${t}"}""", """{"t": "x"}"""));
    }

    [Fact]
    public void Unclosed_or_empty_braces_are_text()
    {
        AssertJson("""{"a": "${}", "b": "${t", "c": "$ {t}", "d": "${t\n}"}""", Bind("""{"a": "${}", "b": "${t", "c": "$ {t}", "d": "${t\n}"}""", """{"t": "x"}"""));
    }

    [Fact]
    public void Binding_leaves_template_and_data_untouched_and_results_independent()
    {
        var template = CardTemplateBinder.Parse(CardJson.Parse("""{"o": "${o}", "l": [{"$data": "${l}", "v": "${$data}"}]}"""), "test");
        var data = CardJson.Parse("""{"o": {"k": 1}, "l": [1, 2]}""");
        var before = data.ToJsonString();

        var first = template.Bind(data)!;
        first["o"]!["k"] = 99;
        var second = template.Bind(data)!;

        Assert.Equal(before, data.ToJsonString());
        Assert.Equal(1, second["o"]!["k"]!.GetValue<double>());
    }

    [Fact]
    public void A_parsed_template_binds_concurrently()
    {
        var template = CardTemplateBinder.Parse(CardJson.Parse("""{"items": [{"$data": "${l}", "v": "${$index}: ${$data}"}]}"""), "test");

        Parallel.For(0, 200, i =>
        {
            var card = template.Bind(new JsonObject { ["l"] = new JsonArray(i, i + 1) })!;
            Assert.Equal($"1: {i + 1}", card["items"]![1]!["v"]!.GetValue<string>());
        });
    }

    [Theory]
    [InlineData("""{"a": {"$when": "isAdmin"}}""", "$.a.$when")] // the reference drops it silently
    [InlineData("""{"a": {"$when": true}}""", "$.a.$when")]
    [InlineData("""{"a": {"$when": "${'true'}"}}""", "$.a.$when")] // a constant binding is a string: always dropped
    [InlineData("""{"a": {"$when": "x ${flag}"}}""", "$.a.$when")]
    [InlineData("""{"a": {"$data": [1, 2]}}""", "$.a.$data")]
    [InlineData("""{"a": "${formatNumber(n, 2)}"}""", "formatNumber")]
    [InlineData("""{"a": "${n - 1}"}""", "'-'")]
    [InlineData("""{"a": "${n * 2}"}""", "'*'")]
    [InlineData("""{"a": "${flag ? 'x' : 'y'}"}""", "'?'")]
    [InlineData("""{"a": "${$host.x}"}""", "$host")]
    [InlineData("""{"a": "${ }"}""", "empty")]
    [InlineData("""{"a": "`code` ${n}"}""", "backtick")]
    [InlineData("""{"a": "${json({x: 1})}"}""", "object literal")]
    [InlineData("""{"a": "${count(1)}"}""", "wrong type")]
    [InlineData("""{"a": "${equals(n)}"}""", "arguments")]
    [InlineData("""{"a": "${n = 1}"}""", "unexpected character '='")]
    public void Templates_outside_the_subset_are_rejected_when_parsed(string template, string mention)
    {
        var e = Assert.Throws<CardTemplateException>(() => CardTemplateBinder.Parse(CardJson.Parse(template), "test"));
        Assert.Contains(mention, e.Message, StringComparison.Ordinal);
    }
}
