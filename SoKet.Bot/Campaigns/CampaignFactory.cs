using SoKet.Bot.Campaigns.Import;

namespace SoKet.Bot.Campaigns;

/// <summary>Turns what the importer read (and the admin confirmed) into a stored campaign.</summary>
public static class CampaignFactory
{
    public static Campaign Create(PlanExtraction plan, string sourceText, string? fileName, string createdBy, DateTime nowUtc, bool useReferenceOutline = false)
    {
        var campaign = new Campaign
        {
            Id = Guid.NewGuid(),
            Code = plan.Number?.Code ?? "",
            Title = plan.Title?.Value ?? "",
            DocumentType = plan.DocumentType?.Value,
            IssuingBody = plan.IssuingBody?.Value ?? plan.Organisation?.Value ?? "",
            Organisation = plan.Organisation?.Value,
            ParentOrganisation = plan.ParentOrganisation?.Value,
            Place = plan.Place?.Value,
            IssuedOn = ToDate(plan.IssuedOn?.Date),
            Kind = plan.Kind.Value,
            ReviewedDocument = plan.Kind.ReviewedDocument,
            EvaluationPeriod = plan.EvaluationPeriod?.Source,
            EvaluationEnd = ToDate(plan.EvaluationPeriod?.End?.Date),
            FullYearEstimateYear = plan.EvaluationPeriod?.FullYearEstimateYear,
            DataCutOff = ToDate(plan.DataCutOff?.Date),
            DataCutOffSource = plan.DataCutOff?.Source,
            ReportsTo = plan.ReportsTo?.Recipient,
            ReportsVia = plan.ReportsTo?.Via,
            ReportsToSource = plan.ReportsTo?.Source,
            SourceText = sourceText,
            SourceFileName = fileName,
            Status = CampaignStatus.Open,
            CreatedAtUtc = nowUtc,
            CreatedBy = createdBy,
        };

        var groupsByName = new Dictionary<string, CampaignGroup>(StringComparer.Ordinal);
        var order = 0;
        foreach (var group in plan.UnitGroups)
        {
            var entity = new CampaignGroup
            {
                Id = Guid.NewGuid(),
                CampaignId = campaign.Id,
                Name = group.Name,
                Aliases = group.Aliases.Count == 0 ? null : string.Join(" | ", group.Aliases),
                IsIssuer = group.IsIssuer,
                Order = order++,
                Source = group.Source,
            };
            campaign.Groups.Add(entity);
            groupsByName[group.Name] = entity;
        }

        order = 0;
        foreach (var deadline in plan.Deadlines)
        {
            if (!groupsByName.TryGetValue(deadline.UnitGroup, out var group))
            {
                // A deadline naming a group the group list missed still needs a home.
                group = new CampaignGroup
                {
                    Id = Guid.NewGuid(),
                    CampaignId = campaign.Id,
                    Name = deadline.UnitGroup,
                    IsIssuer = deadline.IsIssuerTask,
                    Order = campaign.Groups.Count,
                    Source = deadline.Source,
                };
                campaign.Groups.Add(group);
                groupsByName[group.Name] = group;
            }
            campaign.Deadlines.Add(new CampaignDeadline
            {
                Id = Guid.NewGuid(),
                CampaignId = campaign.Id,
                GroupId = group.Id,
                Due = deadline.Due,
                Timing = deadline.Timing,
                Date = ToDate(deadline.Date?.Date),
                DatePrecision = deadline.Date?.Precision ?? DatePrecision.Day,
                Qualifier = deadline.Qualifier,
                OffsetDays = deadline.OffsetDays,
                Recipient = deadline.Recipient,
                Via = deadline.Via,
                What = deadline.What,
                IsIssuerTask = deadline.IsIssuerTask,
                Order = order++,
                Source = deadline.Source,
            });
        }

        var outline = useReferenceOutline || !plan.HasOutline ? ReferenceOutline.Create() : plan.Outline;
        campaign.OutlineTitle = outline.Title;
        campaign.OutlineOrigin = outline.Origin;
        order = 0;
        foreach (var section in outline.Sections)
            AddSection(campaign, section, null, ref order);
        return campaign;
    }

    private static void AddSection(Campaign campaign, OutlineSection section, Guid? parentId, ref int order)
    {
        var entity = new CampaignSection
        {
            Id = Guid.NewGuid(),
            CampaignId = campaign.Id,
            ParentId = parentId,
            Order = order++,
            Path = section.Id,
            NumberLabel = section.NumberLabel,
            Level = section.Level,
            Heading = section.Heading,
            Guidance = section.Guidance,
            Kind = section.Kind,
            IsEvaluative = section.IsEvaluative,
            Condition = section.Condition?.Kind,
            ConditionInstruction = section.Condition?.Instruction,
            ConditionTargetPart = section.Condition?.TargetPart,
            Source = section.Source,
        };
        campaign.Sections.Add(entity);
        foreach (var child in section.Children)
            AddSection(campaign, child, entity.Id, ref order);
    }

    public static DateTime? ToDate(DateOnly? date) => date?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
}
