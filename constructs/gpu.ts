/**
 * GPUs of Hikube's catalog (model/catalog.ts `GPUS`), typed so a typo fails at compile time:
 * `gpus: [Gpu.L40S]` on a VM or a node group. The names are what the API takes; a plain string
 * still works (checked at construction), and a deprecated one adds a warning annotation.
 */
export enum Gpu {
  /** NVIDIA L40S, 48 GB. */
  L40S = 'nvidia.com/AD102GL_L40S',
  /** NVIDIA A100 PCIe 80GB. */
  A100_PCIE_80GB = 'nvidia.com/GA100_A100_PCIE_80GB',
  /** NVIDIA A100 SXM4 80GB. */
  A100_SXM4_80GB = 'nvidia.com/GA100_A100_SXM4_80GB',
  /** NVIDIA RTX PRO 6000, 96 GB. */
  RTX_PRO_6000 = 'nvidia.com/GB202GL_RTX_PRO_6000',
  /** NVIDIA H100 (Hikube's device name says 94 GB; its docs give 80 GB). */
  H100 = 'nvidia.com/H100_94GB',
}
