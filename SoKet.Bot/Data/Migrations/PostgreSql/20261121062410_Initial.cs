using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SoKet.Bot.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AppSettings",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Value = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AppSettings", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "text", nullable: false),
                    Action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: true),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: true),
                    Details = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Campaigns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "text", nullable: false),
                    DocumentType = table.Column<string>(type: "text", nullable: true),
                    IssuingBody = table.Column<string>(type: "text", nullable: false),
                    Organisation = table.Column<string>(type: "text", nullable: true),
                    ParentOrganisation = table.Column<string>(type: "text", nullable: true),
                    Place = table.Column<string>(type: "text", nullable: true),
                    IssuedOn = table.Column<DateTime>(type: "date", nullable: true),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ReviewedDocument = table.Column<string>(type: "text", nullable: true),
                    EvaluationPeriod = table.Column<string>(type: "text", nullable: true),
                    EvaluationEnd = table.Column<DateTime>(type: "date", nullable: true),
                    FullYearEstimateYear = table.Column<int>(type: "integer", nullable: true),
                    DataCutOff = table.Column<DateTime>(type: "date", nullable: true),
                    DataCutOffSource = table.Column<string>(type: "text", nullable: true),
                    ReportsTo = table.Column<string>(type: "text", nullable: true),
                    ReportsVia = table.Column<string>(type: "text", nullable: true),
                    ReportsToSource = table.Column<string>(type: "text", nullable: true),
                    OutlineTitle = table.Column<string>(type: "text", nullable: true),
                    OutlineOrigin = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SourceText = table.Column<string>(type: "text", nullable: false),
                    SourceFileName = table.Column<string>(type: "text", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Campaigns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ConversationReferences",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ChannelId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ConversationId = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    ConversationType = table.Column<string>(type: "text", nullable: true),
                    ServiceUrl = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    TenantId = table.Column<string>(type: "text", nullable: true),
                    UserId = table.Column<string>(type: "text", nullable: true),
                    UserName = table.Column<string>(type: "text", nullable: true),
                    UserAadObjectId = table.Column<string>(type: "text", nullable: true),
                    BotId = table.Column<string>(type: "text", nullable: true),
                    BotName = table.Column<string>(type: "text", nullable: true),
                    Locale = table.Column<string>(type: "text", nullable: true),
                    LastActivityId = table.Column<string>(type: "text", nullable: true),
                    IsReachable = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationReferences", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ConversationStates",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(640)", maxLength: 640, nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationStates", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "PendingPlanImports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedByPersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedByName = table.Column<string>(type: "text", nullable: false),
                    FileName = table.Column<string>(type: "text", nullable: false),
                    SourceText = table.Column<string>(type: "text", nullable: false),
                    ExtractionJson = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ResolvedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PendingPlanImports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "People",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    DisplayName = table.Column<string>(type: "text", nullable: true),
                    Position = table.Column<string>(type: "text", nullable: true),
                    AadObjectId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ChannelId = table.Column<string>(type: "text", nullable: true),
                    ChannelUserId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    IsAdmin = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LinkedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_People", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProcessedActivities",
                columns: table => new
                {
                    ChannelId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ConversationId = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    ActivityId = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    ProcessedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProcessedActivities", x => new { x.ChannelId, x.ConversationId, x.ActivityId });
                });

            migrationBuilder.CreateTable(
                name: "ReminderOutbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Milestone = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    UniqueKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DueAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LeaseOwner = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    LeaseExpiresAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SendStartedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SentAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReminderOutbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StoredFiles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ConversationId = table.Column<string>(type: "text", nullable: true),
                    Name = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    ContentType = table.Column<string>(type: "text", nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoredFiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WebChatActivities",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ConversationId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ActivityId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ClientActivityId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    Json = table.Column<string>(type: "text", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebChatActivities", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "WebChatConversations",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebChatConversations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CampaignDeadlines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: true),
                    Due = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Timing = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Date = table.Column<DateTime>(type: "date", nullable: true),
                    DatePrecision = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Qualifier = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    OffsetDays = table.Column<int>(type: "integer", nullable: true),
                    Recipient = table.Column<string>(type: "text", nullable: true),
                    Via = table.Column<string>(type: "text", nullable: true),
                    What = table.Column<string>(type: "text", nullable: false),
                    IsIssuerTask = table.Column<bool>(type: "boolean", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CampaignDeadlines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CampaignDeadlines_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CampaignGroups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Aliases = table.Column<string>(type: "text", nullable: true),
                    IsIssuer = table.Column<bool>(type: "boolean", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CampaignGroups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CampaignGroups_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CampaignReminderSettings",
                columns: table => new
                {
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    DaysBefore = table.Column<string>(type: "text", nullable: false),
                    OnDueDay = table.Column<bool>(type: "boolean", nullable: false),
                    OverdueEveryWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    MaxOverdueReminders = table.Column<int>(type: "integer", nullable: true),
                    SendAt = table.Column<string>(type: "text", nullable: false),
                    Opens = table.Column<string>(type: "text", nullable: false),
                    Closes = table.Column<string>(type: "text", nullable: false),
                    Holidays = table.Column<string>(type: "text", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CampaignReminderSettings", x => x.CampaignId);
                    table.ForeignKey(
                        name: "FK_CampaignReminderSettings_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CampaignSections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    ParentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Path = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    NumberLabel = table.Column<string>(type: "text", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    Heading = table.Column<string>(type: "text", nullable: false),
                    Guidance = table.Column<string>(type: "text", nullable: true),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    IsEvaluative = table.Column<bool>(type: "boolean", nullable: false),
                    Condition = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ConditionInstruction = table.Column<string>(type: "text", nullable: true),
                    ConditionTargetPart = table.Column<string>(type: "text", nullable: true),
                    Source = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CampaignSections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CampaignSections_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Units",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    HasCommittee = table.Column<bool>(type: "boolean", nullable: false),
                    LeaderPersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Units", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Units_CampaignGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "CampaignGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Units_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Units_People_LeaderPersonId",
                        column: x => x.LeaderPersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "Reports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    LastSectionId = table.Column<Guid>(type: "uuid", nullable: true),
                    SubmittedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SubmittedByPersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    SubmittedByName = table.Column<string>(type: "text", nullable: true),
                    SubmittedLate = table.Column<bool>(type: "boolean", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Reports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Reports_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Reports_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UnitMembers",
                columns: table => new
                {
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnitMembers", x => new { x.UnitId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_UnitMembers_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_UnitMembers_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IndicatorRows",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    UnitOfMeasure = table.Column<string>(type: "text", nullable: true),
                    Target = table.Column<decimal>(type: "numeric", nullable: true),
                    Result = table.Column<decimal>(type: "numeric", nullable: true),
                    FullYearEstimate = table.Column<decimal>(type: "numeric", nullable: true),
                    LowerIsBetter = table.Column<bool>(type: "boolean", nullable: false),
                    Note = table.Column<string>(type: "text", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedByName = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IndicatorRows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IndicatorRows_Reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "Reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReviewComments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    SectionId = table.Column<Guid>(type: "uuid", nullable: true),
                    AuthorPersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    AuthorName = table.Column<string>(type: "text", nullable: true),
                    Text = table.Column<string>(type: "text", nullable: false),
                    Round = table.Column<int>(type: "integer", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewComments_Reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "Reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SectionDrafts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    SectionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedByPersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    UpdatedByName = table.Column<string>(type: "text", nullable: true),
                    PendingSuggestion = table.Column<string>(type: "text", nullable: true),
                    PendingSuggestionAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SectionDrafts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SectionDrafts_Reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "Reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SectionRevisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DraftId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AuthorPersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    AuthorName = table.Column<string>(type: "text", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SectionRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SectionRevisions_SectionDrafts_DraftId",
                        column: x => x.DraftId,
                        principalTable: "SectionDrafts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_AtUtc",
                table: "AuditEntries",
                column: "AtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ReportId",
                table: "AuditEntries",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_CampaignDeadlines_CampaignId_GroupId",
                table: "CampaignDeadlines",
                columns: new[] { "CampaignId", "GroupId" });

            migrationBuilder.CreateIndex(
                name: "IX_CampaignGroups_CampaignId_Order",
                table: "CampaignGroups",
                columns: new[] { "CampaignId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_Code",
                table: "Campaigns",
                column: "Code");

            migrationBuilder.CreateIndex(
                name: "IX_CampaignSections_CampaignId_Order",
                table: "CampaignSections",
                columns: new[] { "CampaignId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_CampaignSections_CampaignId_Path",
                table: "CampaignSections",
                columns: new[] { "CampaignId", "Path" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConversationReferences_ChannelId_ConversationId",
                table: "ConversationReferences",
                columns: new[] { "ChannelId", "ConversationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConversationReferences_ChannelId_UserId",
                table: "ConversationReferences",
                columns: new[] { "ChannelId", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_ConversationReferences_UserAadObjectId",
                table: "ConversationReferences",
                column: "UserAadObjectId");

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorRows_ReportId_Order",
                table: "IndicatorRows",
                columns: new[] { "ReportId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_PendingPlanImports_CreatedAtUtc",
                table: "PendingPlanImports",
                column: "CreatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_People_AadObjectId",
                table: "People",
                column: "AadObjectId");

            migrationBuilder.CreateIndex(
                name: "IX_People_ChannelId_ChannelUserId",
                table: "People",
                columns: new[] { "ChannelId", "ChannelUserId" });

            migrationBuilder.CreateIndex(
                name: "IX_People_Email",
                table: "People",
                column: "Email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProcessedActivities_ProcessedAtUtc",
                table: "ProcessedActivities",
                column: "ProcessedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_ReminderOutbox_CampaignId_UnitId",
                table: "ReminderOutbox",
                columns: new[] { "CampaignId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_ReminderOutbox_State_DueAtUtc",
                table: "ReminderOutbox",
                columns: new[] { "State", "DueAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ReminderOutbox_UniqueKey",
                table: "ReminderOutbox",
                column: "UniqueKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Reports_CampaignId_Status",
                table: "Reports",
                columns: new[] { "CampaignId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Reports_CampaignId_UnitId",
                table: "Reports",
                columns: new[] { "CampaignId", "UnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Reports_UnitId",
                table: "Reports",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewComments_ReportId",
                table: "ReviewComments",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_SectionDrafts_ReportId_SectionId",
                table: "SectionDrafts",
                columns: new[] { "ReportId", "SectionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SectionRevisions_DraftId_Version",
                table: "SectionRevisions",
                columns: new[] { "DraftId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StoredFiles_CreatedAtUtc",
                table: "StoredFiles",
                column: "CreatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_UnitMembers_PersonId",
                table: "UnitMembers",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Units_CampaignId_Name",
                table: "Units",
                columns: new[] { "CampaignId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Units_GroupId",
                table: "Units",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_Units_LeaderPersonId",
                table: "Units",
                column: "LeaderPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_WebChatActivities_ConversationId_ActivityId",
                table: "WebChatActivities",
                columns: new[] { "ConversationId", "ActivityId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WebChatActivities_ConversationId_ClientActivityId",
                table: "WebChatActivities",
                columns: new[] { "ConversationId", "ClientActivityId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WebChatActivities_ConversationId_Sequence",
                table: "WebChatActivities",
                columns: new[] { "ConversationId", "Sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AppSettings");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "CampaignDeadlines");

            migrationBuilder.DropTable(
                name: "CampaignReminderSettings");

            migrationBuilder.DropTable(
                name: "CampaignSections");

            migrationBuilder.DropTable(
                name: "ConversationReferences");

            migrationBuilder.DropTable(
                name: "ConversationStates");

            migrationBuilder.DropTable(
                name: "IndicatorRows");

            migrationBuilder.DropTable(
                name: "PendingPlanImports");

            migrationBuilder.DropTable(
                name: "ProcessedActivities");

            migrationBuilder.DropTable(
                name: "ReminderOutbox");

            migrationBuilder.DropTable(
                name: "ReviewComments");

            migrationBuilder.DropTable(
                name: "SectionRevisions");

            migrationBuilder.DropTable(
                name: "StoredFiles");

            migrationBuilder.DropTable(
                name: "UnitMembers");

            migrationBuilder.DropTable(
                name: "WebChatActivities");

            migrationBuilder.DropTable(
                name: "WebChatConversations");

            migrationBuilder.DropTable(
                name: "SectionDrafts");

            migrationBuilder.DropTable(
                name: "Reports");

            migrationBuilder.DropTable(
                name: "Units");

            migrationBuilder.DropTable(
                name: "CampaignGroups");

            migrationBuilder.DropTable(
                name: "People");

            migrationBuilder.DropTable(
                name: "Campaigns");
        }
    }
}
