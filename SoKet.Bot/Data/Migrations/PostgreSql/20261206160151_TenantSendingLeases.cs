using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SoKet.Bot.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class TenantSendingLeases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "ReminderOutbox",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "SendingLeases",
                columns: table => new
                {
                    TenantKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Owner = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ExpiresAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AcquiredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SendingLeases", x => x.TenantKey);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReminderOutbox_State_TenantKey_DueAtUtc",
                table: "ReminderOutbox",
                columns: new[] { "State", "TenantKey", "DueAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SendingLeases");

            migrationBuilder.DropIndex(
                name: "IX_ReminderOutbox_State_TenantKey_DueAtUtc",
                table: "ReminderOutbox");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "ReminderOutbox");
        }
    }
}
