// time/rtc.cc - the wall-clock time from the CMOS real-time clock.
//
// The PC's RTC (MC146818) keeps the date in battery-backed CMOS registers reached
// through an index port (0x70) and a data port (0x71): seconds, minutes, hours, day,
// month, year and (ACPI's FADT names it; 0x32 on every PC we know) the century. The
// values may be BCD or binary and hours 12- or 24-hour, as status register B says.
// While the clock updates (once a second, status A bit 7) the registers are not
// consistent, so we wait for that to clear and read until two reads agree. Only the
// time at boot is taken from here; afterwards the TSC counts.
#include "../cpu/x86.hh"
#include "time.hh"

namespace x86_time {
namespace {

constexpr uint16_t kIndex = 0x70, kData = 0x71;
constexpr uint8_t kNmiDisable = 0x80;  // bit 7 of the index port keeps NMIs masked
constexpr uint8_t kSecond = 0x00, kMinute = 0x02, kHour = 0x04, kDay = 0x07, kMonth = 0x08;
constexpr uint8_t kYear = 0x09, kStatusA = 0x0a, kStatusB = 0x0b, kCentury = 0x32;
constexpr uint8_t kUpdating = 0x80, kBinary = 0x04, kHour24 = 0x02, kPm = 0x80;

uint8_t cmos(uint8_t reg) {
  x86::outb(kIndex, kNmiDisable | reg);
  return x86::inb(kData);
}

struct Reading {
  uint8_t second, minute, hour, day, month, year, century;
  bool operator==(const Reading&) const = default;
};

Reading read_once() {
  for (int spins = 0; (cmos(kStatusA) & kUpdating) && spins < 1000000; ++spins) {
  }
  return Reading{cmos(kSecond), cmos(kMinute), cmos(kHour), cmos(kDay),
                 cmos(kMonth),  cmos(kYear),   cmos(kCentury)};
}

unsigned from_bcd(uint8_t v) { return (v >> 4) * 10 + (v & 0xf); }

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = static_cast<unsigned>(y - era * 400);
  unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

}  // namespace

uint64_t rtc_read_epoch_seconds() {
  Reading r = read_once();
  for (int tries = 0; tries < 5; ++tries) {
    Reading again = read_once();
    if (again == r) break;
    r = again;
  }
  uint8_t status = cmos(kStatusB);
  bool pm = !(status & kHour24) && (r.hour & kPm);
  uint8_t hour_raw = r.hour & static_cast<uint8_t>(~kPm);
  auto value = [status](uint8_t v) { return status & kBinary ? v : from_bcd(v); };
  unsigned second = value(r.second), minute = value(r.minute), hour = value(hour_raw);
  unsigned day = value(r.day), month = value(r.month), year = value(r.year);
  unsigned century = r.century ? value(r.century) : 20;
  if (!(status & kHour24)) hour = hour % 12 + (pm ? 12 : 0);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
    return 0;
  int64_t days = days_from_civil(century * 100 + year, month, day);
  if (days < 0) return 0;
  return static_cast<uint64_t>(days) * 86400 + hour * 3600 + minute * 60 + second;
}

}  // namespace x86_time
