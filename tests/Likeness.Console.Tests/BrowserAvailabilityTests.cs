namespace Likeness.Console.Tests;

public sealed class BrowserAvailabilityTests
{
    [Fact]
    public void TheSystemChromiumAndItsDriverAreInstalled()
    {
        // scripts/setup.sh installs Debian's chromium and chromium-driver; the console tests drive them.
        Assert.True(File.Exists("/usr/bin/chromium"), "install chromium: apt-get install chromium chromium-driver");
        Assert.True(File.Exists("/usr/bin/chromedriver"), "install chromium-driver: apt-get install chromium-driver");
    }
}
