// console/serial.hh - a polled 16550 UART (COM1 on every PC and emulator).
#pragma once

#include <stdint.h>

namespace serial {

// Programs COM1 for 115200 baud, 8N1, FIFOs on, interrupts off. Safe to call twice.
void init();

// Sends one byte, waiting (boundedly) for room in the transmitter.
void put(char c);

// A received byte, or -1 when none is waiting.
int get();

}  // namespace serial
