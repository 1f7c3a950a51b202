using GiamNgheo.Functions;

var options = HandlerOptions.FromCommandLine(args, Environment.GetEnvironmentVariable);
if (options.LocalHost && options.AppRoot is null)
    options = options with { AppRoot = Directory.GetCurrentDirectory() };
await using var app = HandlerApp.Create(options, args);
await app.RunAsync();
