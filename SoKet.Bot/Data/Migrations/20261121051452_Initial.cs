using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SoKet.Bot.Data.Migrations
{
    public partial class Initial : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AppSettings",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AppSettings", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "ConversationReferences",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ChannelId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ConversationId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    ConversationType = table.Column<string>(type: "TEXT", nullable: true),
                    ServiceUrl = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    TenantId = table.Column<string>(type: "TEXT", nullable: true),
                    UserId = table.Column<string>(type: "TEXT", nullable: true),
                    UserName = table.Column<string>(type: "TEXT", nullable: true),
                    UserAadObjectId = table.Column<string>(type: "TEXT", nullable: true),
                    BotId = table.Column<string>(type: "TEXT", nullable: true),
                    BotName = table.Column<string>(type: "TEXT", nullable: true),
                    Locale = table.Column<string>(type: "TEXT", nullable: true),
                    LastActivityId = table.Column<string>(type: "TEXT", nullable: true),
                    IsReachable = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationReferences", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ConversationStates",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 640, nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationStates", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "ProcessedActivities",
                columns: table => new
                {
                    ChannelId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ConversationId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    ActivityId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    ProcessedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProcessedActivities", x => new { x.ChannelId, x.ConversationId, x.ActivityId });
                });

            migrationBuilder.CreateTable(
                name: "WebChatActivities",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConversationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ActivityId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ClientActivityId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebChatActivities", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "WebChatConversations",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebChatConversations", x => x.Id);
                });

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
                name: "IX_ProcessedActivities_ProcessedAtUtc",
                table: "ProcessedActivities",
                column: "ProcessedAtUtc");

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

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AppSettings");

            migrationBuilder.DropTable(
                name: "ConversationReferences");

            migrationBuilder.DropTable(
                name: "ConversationStates");

            migrationBuilder.DropTable(
                name: "ProcessedActivities");

            migrationBuilder.DropTable(
                name: "WebChatActivities");

            migrationBuilder.DropTable(
                name: "WebChatConversations");
        }
    }
}
