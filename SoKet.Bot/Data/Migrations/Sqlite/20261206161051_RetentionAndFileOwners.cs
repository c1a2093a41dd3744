using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SoKet.Bot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RetentionAndFileOwners : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "StoredFiles",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                // Files stored before this release were uploads or exports; keeping them as uploads keeps them longest.
                defaultValue: "Upload");

            migrationBuilder.AddColumn<string>(
                name: "OwnerId",
                table: "StoredFiles",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_WebChatActivities_CreatedAtUtc",
                table: "WebChatActivities",
                column: "CreatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_StoredFiles_OwnerId_Kind_CreatedAtUtc",
                table: "StoredFiles",
                columns: new[] { "OwnerId", "Kind", "CreatedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WebChatActivities_CreatedAtUtc",
                table: "WebChatActivities");

            migrationBuilder.DropIndex(
                name: "IX_StoredFiles_OwnerId_Kind_CreatedAtUtc",
                table: "StoredFiles");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "StoredFiles");

            migrationBuilder.DropColumn(
                name: "OwnerId",
                table: "StoredFiles");
        }
    }
}
