namespace GiamNgheo.Functions.HostProtocol;

/// <summary>host.json or a function.json is missing, is not valid JSON, or has a value of the wrong kind.</summary>
public sealed class FunctionAppDefinitionException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public FunctionAppDefinitionException()
        : base("The function app definition (host.json, function.json) is invalid.")
    {
    }

    /// <summary>Creates the exception with a message that names the file and the offending value.</summary>
    /// <param name="message">English description including the file path.</param>
    public FunctionAppDefinitionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the parser error behind it.</summary>
    /// <param name="message">English description including the file path.</param>
    /// <param name="innerException">The JSON or format error.</param>
    public FunctionAppDefinitionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
