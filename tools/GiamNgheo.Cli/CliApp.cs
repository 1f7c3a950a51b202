using System.CommandLine;
using System.Text;
using GiamNgheo.Cli.Commands;

namespace GiamNgheo.Cli;

/// <summary>The <c>giamngheo</c> command line: score, template, generate, workdays, token.</summary>
/// <remarks>Exit codes: 0 success (warnings on stderr), 1 wrong usage or an unexpected failure, 2 bad input (nothing written).</remarks>
public static class CliApp
{
    /// <summary>Exit code for success.</summary>
    public const int Success = 0;

    /// <summary>Exit code for wrong usage or unexpected failure.</summary>
    public const int Failure = 1;

    /// <summary>Exit code for bad input: the problems were listed and nothing was written.</summary>
    public const int BadInput = 2;

    /// <summary>Runs the command line with the given output streams.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        Console.OutputEncoding = Encoding.UTF8;
        var root = new RootCommand("GiamNgheo: chấm điểm phiếu rà soát hộ nghèo, hộ cận nghèo theo chuẩn nghèo đa chiều.")
        {
            ScoreCommand.Create(output, error),
            TemplateCommand.Create(output, error),
            GenerateCommand.Create(output, error),
            WorkdaysCommand.Create(output, error),
            TokenCommand.Create(output, error),
        };
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
