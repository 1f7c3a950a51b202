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
}
