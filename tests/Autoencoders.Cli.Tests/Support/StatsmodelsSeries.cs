using System.Globalization;
using System.Text;

namespace Autoencoders.Cli.Tests;

/// <summary>
/// Real series from Debian's python3-statsmodels (its datasets/ folder of CSV files), as <c>ae timeseries</c> reads them:
/// sunspots (yearly, 1700–2008, the ~11-year cycle) as it is, and elnino (monthly sea temperatures 1950–2010, one row per
/// year) unrolled into one row per month, and co2 (weekly Mauna Loa CO2, 1958–2001, a trend plus a yearly season).
/// </summary>
public static class StatsmodelsSeries
{
    public const string Folder = "/usr/lib/python3/dist-packages/statsmodels/datasets";

    public static bool IsInstalled => Directory.Exists(Folder);

    public static string Sunspots => Path.Combine(Folder, "sunspots", "sunspots.csv");

    /// <summary>elnino.csv (YEAR, JAN … DEC) as <c>date,temperature</c> with dates yyyy-MM.</summary>
    public static string Elnino(string path)
    {
        string[] lines = File.ReadAllLines(Path.Combine(Folder, "elnino", "elnino.csv"));
        var csv = new StringBuilder("date,temperature\n");
        foreach (string line in lines.Skip(1).Where(l => l.Length > 0))
        {
            string[] cells = line.Split(',');
            int year = (int)double.Parse(cells[0], CultureInfo.InvariantCulture);
            for (int month = 1; month <= 12; month++) csv.Append(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2},{cells[month]}\n");
        }
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    /// <summary>co2.csv (<c>date,co2</c>, dates yyyymmdd as numbers, weekly) with its 59 missing weeks filled linearly, as <c>--fill linear</c> does.</summary>
    public static string Co2(string path)
    {
        var series = Autoencoders.Data.TimeSeriesCsv.Read(Path.Combine(Folder, "co2", "co2.csv"), missing: Autoencoders.Data.MissingValues.Linear);
        var csv = new StringBuilder("date,co2\n");
        for (int t = 0; t < series.Length; t++) csv.Append(CultureInfo.InvariantCulture, $"{series.TimeTexts[t]},{series[t, 0]:R}\n");
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    /// <summary>elec_equip.csv (monthly euro-area electrical equipment orders, 1995–2016, a yearly season; dates like <c>Jan-1-1995</c>) as <c>date,orders</c> with dates yyyy-MM.</summary>
    public static string ElecEquip(string path)
    {
        var csv = new StringBuilder("date,orders\n");
        foreach (string line in File.ReadAllLines(Path.Combine(Folder, "elec_equip", "elec_equip.csv")).Skip(1).Where(l => l.Length > 0))
        {
            string[] cells = line.Split(',');
            var date = DateTime.ParseExact(cells[0], "MMM-d-yyyy", CultureInfo.InvariantCulture);
            csv.Append(CultureInfo.InvariantCulture, $"{date:yyyy-MM},{cells[1]}\n");
        }
        File.WriteAllText(path, csv.ToString());
        return path;
    }
}
