namespace GiamNgheo.Functions.HostProtocol;

/// <summary>The host's invocation payload lacks a required value or has one in the wrong shape; the endpoint answers 400.</summary>
public sealed class InvocationPayloadException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public InvocationPayloadException()
        : base("The invocation payload is malformed.")
    {
    }

    /// <summary>Creates the exception with a message naming the missing or malformed value.</summary>
    /// <param name="message">English description, e.g. "Data.survey is missing".</param>
    public InvocationPayloadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the parser error behind it.</summary>
    /// <param name="message">English description of the value.</param>
    /// <param name="innerException">The JSON or format error.</param>
    public InvocationPayloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
