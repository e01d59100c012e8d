// uapi/utsname.hh - struct utsname (uname).
#pragma once

namespace uapi {

struct Utsname {
  char sysname[65];
  char nodename[65];
  char release[65];
  char version[65];
  char machine[65];
  char domainname[65];
};

}  // namespace uapi
