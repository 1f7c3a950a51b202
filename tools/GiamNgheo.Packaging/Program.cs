using GiamNgheo.Packaging;

return PackageCommand.Run(args, Console.Out, Console.Error);
