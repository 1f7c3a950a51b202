namespace GiamNgheo.Packaging;

/// <summary>The inputs cannot make a valid deployment package; the message says what is wrong. Nothing was written.</summary>
public sealed class DeploymentPackageException : Exception
{
    /// <summary>Creates the exception with no message.</summary>
    public DeploymentPackageException()
    {
    }

    /// <summary>Creates the exception with a message saying what is wrong.</summary>
    public DeploymentPackageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public DeploymentPackageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Throws one exception listing every problem, when there is any.</summary>
    internal static void ThrowIfAny(IReadOnlyList<string> problems)
    {
        if (problems.Count > 0)
        {
            throw new DeploymentPackageException(
                "Cannot build the deployment package:" + Environment.NewLine + "  - " +
                string.Join(Environment.NewLine + "  - ", problems));
        }
    }
}
