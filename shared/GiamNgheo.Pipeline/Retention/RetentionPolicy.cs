namespace GiamNgheo.Pipeline.Retention;

/// <summary>How long files holding personal data are kept (docs/personal-data.md gives the reasons for the defaults).</summary>
/// <remarks>Counted from the blob's last change, as Azure's lifecycle rules count <c>daysAfterModificationGreaterThan</c>;
/// the Bicep rules are set from the same app settings, so the app and the platform delete the same files.</remarks>
public sealed record RetentionPolicy
{
    /// <summary>The defaults used when no setting overrides them.</summary>
    public static RetentionPolicy Default { get; } = new();

    /// <summary>Days a raw upload (with names and citizen IDs) is kept: the review year's complaints and the next year's
    /// review can still re-read it; the scored results stay after it.</summary>
    public int RawUploadDays { get; init; } = 400;

    /// <summary>Days a built province workbook (and its manifest) is kept: a later request builds it again from the results.</summary>
    public int ExportDays { get; init; } = 30;

    /// <summary>Until when a raw upload received at <paramref name="receivedAt"/> is kept.</summary>
    public DateTimeOffset RawUploadKeptUntil(DateTimeOffset receivedAt) => receivedAt.AddDays(RawUploadDays);
}
