using System.IO.Compression;
using System.Text;

namespace GiamNgheo.Packaging.Tests;

public sealed class ZipUnixAttributesTests
{
    [Fact]
    public void A_zip_written_as_made_by_dos_comes_out_made_by_unix_with_attributes_intact()
    {
        var zip = SmallZip(comment: null);
        ZipCentralDirectory.SetMadeByHost(zip, 0); // what .NET writes on Windows
        Assert.All(ZipCentralDirectory.Read(zip), r => Assert.Equal(0, r.MadeByHost));

        using var stream = new MemoryStream();
        stream.Write(zip);
        ZipUnixAttributes.MarkAllEntriesMadeByUnix(stream);
        var patched = stream.ToArray();

        var records = ZipCentralDirectory.Read(patched);
        Assert.All(records, r => Assert.Equal(3, r.MadeByHost));
        Assert.Equal(DeploymentPackage.ExecutableMode, records.Single(r => r.Name == "bin/tool").UnixMode);
        Assert.Equal(DeploymentPackage.RegularFileMode, records.Single(r => r.Name == "readme.txt").UnixMode);

        // Still a valid zip with the same content.
        using var archive = new ZipArchive(new MemoryStream(patched), ZipArchiveMode.Read);
        using var reader = new StreamReader(archive.GetEntry("readme.txt")!.Open());
        Assert.Equal("hello", reader.ReadToEnd());
    }

    [Fact]
    public void An_archive_comment_does_not_hide_the_end_record()
    {
        var zip = SmallZip(comment: "a comment that ends the file " + new string('x', 300));
        ZipCentralDirectory.SetMadeByHost(zip, 0);
        using var stream = new MemoryStream();
        stream.Write(zip);

        ZipUnixAttributes.MarkAllEntriesMadeByUnix(stream);

        Assert.All(ZipCentralDirectory.Read(stream.ToArray()), r => Assert.Equal(3, r.MadeByHost));
    }

    [Fact]
    public void Bytes_that_are_not_a_zip_are_rejected()
    {
        using var stream = new MemoryStream(Encoding.ASCII.GetBytes("this is not a zip file at all, just some text"));
        Assert.Throws<InvalidDataException>(() => ZipUnixAttributes.MarkAllEntriesMadeByUnix(stream));
    }

    private static byte[] SmallZip(string? comment)
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            if (comment is not null)
            {
                archive.Comment = comment;
            }

            var tool = archive.CreateEntry("bin/tool");
            tool.ExternalAttributes = DeploymentPackage.ExecutableMode << 16;
            using (var writer = new StreamWriter(tool.Open()))
            {
                writer.Write("#!/bin/sh\necho hi\n");
            }

            var readme = archive.CreateEntry("readme.txt");
            readme.ExternalAttributes = DeploymentPackage.RegularFileMode << 16;
            using (var writer = new StreamWriter(readme.Open()))
            {
                writer.Write("hello");
            }
        }

        return stream.ToArray();
    }
}
