using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SoKet.Bot.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class EditorDrafts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EditorDrafts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    SectionId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: true),
                    BasedOnVersion = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClaimedLinkId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    PageKeyHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EditorDrafts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EditorDrafts_Reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "Reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EditorDrafts_ReportId_SectionId_PersonId",
                table: "EditorDrafts",
                columns: new[] { "ReportId", "SectionId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EditorDrafts_UpdatedAtUtc",
                table: "EditorDrafts",
                column: "UpdatedAtUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EditorDrafts");
        }
    }
}
