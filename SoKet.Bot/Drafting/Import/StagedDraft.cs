using System.Text.Json;
using System.Text.Json.Serialization;
using SoKet.Bot.Reports;

namespace SoKet.Bot.Drafting.Import;

/// <summary>
/// A split waiting for the user's «Điền vào báo cáo», kept server-side (a kept file of the conversation, bound to its
/// user) so the confirming turn applies exactly what the card showed: the card carries only its id. Each section
/// records the version of the report's text the card was shown against; a section changed since is not written over.
/// </summary>
public sealed class StagedDraft
{
    public const string ContentType = "application/json";

    /// <summary>The schema of this JSON; a kept split of another schema is treated as gone.</summary>
    public const int CurrentSchema = 1;

    public int Schema { get; set; } = CurrentSchema;
    public Guid ReportId { get; set; }
    public Guid? PersonId { get; set; }

    /// <summary>«du-thao.docx», or "nội dung dán" for pasted text.</summary>
    public string Source { get; set; } = "";
    public List<StagedSection> Sections { get; set; } = [];
    public List<StagedAside> Aside { get; set; } = [];

    public static StagedDraft Create(ReportView view, DraftSplit split, string source, Guid? personId)
    {
        var staged = new StagedDraft
        {
            ReportId = view.Report.Id,
            PersonId = personId,
            Source = source,
            Sections = split.Sections.Select(s => new StagedSection
            {
                SectionId = s.SectionId,
                WrittenHeading = s.WrittenHeading,
                Text = ReportService.NormalizeDraft(s.Text),
                Paragraphs = s.Paragraphs.Count,
            }).ToList(),
            Aside = split.Aside.Select(a => new StagedAside { Reason = a.Reason, Heading = a.Heading, Under = a.UnderTitle, Paragraphs = [.. a.Paragraphs] }).ToList(),
        };
        staged.Refresh(view);
        return staged;
    }

    /// <summary>Records what each section holds now (its version and whether it has text), as the card about to be shown will say.</summary>
    public void Refresh(ReportView view)
    {
        foreach (var section in Sections)
        {
            var draft = view.DraftOf(section.SectionId);
            section.ShownVersion = draft?.Version ?? 0;
            section.HadText = !string.IsNullOrWhiteSpace(draft?.Text);
        }
    }

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Options);

    /// <summary>The staged split, or null for content that is not one (gone, another schema, not JSON).</summary>
    public static StagedDraft? Read(byte[]? json)
    {
        if (json is null)
            return null;
        try
        {
            return JsonSerializer.Deserialize<StagedDraft>(json, Options) is { Schema: CurrentSchema } staged ? staged : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}

public sealed class StagedSection
{
    public Guid SectionId { get; set; }
    public string WrittenHeading { get; set; } = "";
    public string Text { get; set; } = "";
    public int Paragraphs { get; set; }

    /// <summary>The version of the section's text when the card was shown (0: none).</summary>
    public int ShownVersion { get; set; }

    /// <summary>The section had text when the card was shown: the card said «sẽ thay nội dung đã có» and offered a choice.</summary>
    public bool HadText { get; set; }
}

public sealed class StagedAside
{
    public AsideReason Reason { get; set; }
    public string? Heading { get; set; }
    public string? Under { get; set; }
    public List<string> Paragraphs { get; set; } = [];
}
