#!/usr/bin/env bash
# Builds the bench's libtorch peer (TorchSharp 0.107 = LibTorch 2.10) so that `run` can start it.
#
# TorchSharp's native library is built against a newer C++ runtime (GLIBCXX_3.4.32, GCC 13) than Debian 12's (GCC 12).
# Where the system's libstdc++ lacks it, this unpacks libc6, libgcc-s1 and libstdc++6 from Debian 13 (trixie) into
# runtime/ and gives a copy of the peer's executable that loader (patchelf --set-interpreter); `run` then starts that copy
# with runtime/ first on its library path. Nothing on the system changes; the packages come from deb.debian.org through a
# private apt state under runtime/. Needs: the .NET SDK, apt-get, dpkg-deb and patchelf (apt-get install patchelf).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
app_dir="$here/bin/Release/net10.0"

dotnet build "$here/LibtorchPeer.csproj" -c Release --nologo -v quiet

system_stdcxx=$(ldconfig -p | awk '/libstdc\+\+\.so\.6 .*x86-64/ { print $NF; exit }')
if grep -aq GLIBCXX_3.4.32 "$system_stdcxx"; then
  echo "The system's C++ runtime ($system_stdcxx) is new enough: run starts $app_dir/LibtorchPeer as it is."
  exit 0
fi

command -v patchelf >/dev/null || { echo "setup.sh: needs patchelf (apt-get install patchelf)" >&2; exit 1; }
runtime="$here/runtime"
lib="$runtime/root/usr/lib/x86_64-linux-gnu"
if [ ! -f "$lib/libstdc++.so.6" ]; then
  apt_state="$runtime/apt"
  mkdir -p "$apt_state/lists/partial" "$apt_state/cache/archives/partial" "$runtime/debs"
  echo "deb http://deb.debian.org/debian trixie main" > "$apt_state/sources.list"
  apt_options=(-o Dir::Etc::SourceList="$apt_state/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o Dir::State::Lists="$apt_state/lists" -o Dir::Cache="$apt_state/cache" -o APT::Sandbox::User=root)
  apt-get "${apt_options[@]}" update -qq
  (cd "$runtime/debs" && apt-get "${apt_options[@]}" download -qq libc6 libgcc-s1 libstdc++6)
  rm -rf "$runtime/root"
  for deb in "$runtime"/debs/*.deb; do dpkg-deb -x "$deb" "$runtime/root"; done
fi
cp "$app_dir/LibtorchPeer" "$app_dir/LibtorchPeer.trixie"
patchelf --set-interpreter "$lib/ld-linux-x86-64.so.2" "$app_dir/LibtorchPeer.trixie"
echo "Built $app_dir/LibtorchPeer.trixie with the runtime in $lib."
