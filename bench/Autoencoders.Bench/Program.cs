using Autoencoders.Bench;

try
{
    return args.FirstOrDefault() == "gemm" ? GemmBench.Run(args[1..]) : BenchCommand.Run(args);
}
catch (ArgumentException error)
{
    // Bad input, as the CLI reports it: one line naming the option, exit 2, no stack trace.
    Console.Error.WriteLine($"bench: {error.Message}");
    return 2;
}
