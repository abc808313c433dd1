/*
 * GM/T 0016-2012 (智能密码钥匙密码应用接口规范, the "SKF" interface): the types, constants and
 * function prototypes CertRenew uses, written from the standard's text for the SKF bridge
 * (plugins/skf) and for our test module (tests/support/skf_test_module). Plain C, so a vendor's
 * library and ours agree byte for byte:
 *
 * - ULONG/DWORD are 32 bits on every platform (the standard's "32 位无符号整数"), never `long`;
 *   BOOL is a 32-bit integer.
 * - Every structure is packed to 1 byte (#pragma pack(1)). A library built with natural alignment
 *   puts DEVINFO's ULONGs 2 bytes later: the bridge copes (see plugins/skf/src/device_info.cpp).
 * - ECC coordinates and signature values sit right-aligned in 64-byte fields (a 256-bit value in
 *   the last 32 bytes). Some libraries left-align them: the bridge checks which (see
 *   plugins/skf/src/ecc_blobs.cpp).
 * - Name lists (SKF_EnumDev, SKF_EnumApplication, SKF_EnumContainer) are NUL-separated names
 *   ended by one more NUL; sizes are in bytes and count both NULs. Output buffers follow the
 *   two-call pattern: a NULL buffer asks for the size.
 * - On Windows the functions are __stdcall (DEVAPI); elsewhere the platform's C convention.
 */
#ifndef CERTRENEW_SKF_GMT0016_H
#define CERTRENEW_SKF_GMT0016_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define DEVAPI __stdcall
#else
#define DEVAPI
#endif

typedef int8_t INT8;
typedef int16_t INT16;
typedef int32_t INT32;
typedef uint8_t UINT8;
typedef uint16_t UINT16;
typedef uint32_t UINT32;
typedef INT32 BOOL;
typedef UINT8 BYTE;
typedef char CHAR;
typedef INT16 SHORT;
typedef UINT16 USHORT;
typedef INT32 LONG;
typedef UINT32 ULONG;
typedef UINT32 UINT;
typedef UINT16 WORD;
typedef UINT32 DWORD;
typedef UINT32 FLAGS;
typedef CHAR* LPSTR;
typedef void* HANDLE;
typedef HANDLE DEVHANDLE;
typedef HANDLE HAPPLICATION;
typedef HANDLE HCONTAINER;

#ifndef TRUE
#define TRUE 1
#endif
#ifndef FALSE
#define FALSE 0
#endif

/* ---- algorithm identifiers (GM/T 0006) ---- */
#define SGD_SM1_ECB 0x00000101u
#define SGD_SSF33_ECB 0x00000201u
#define SGD_SM4_ECB 0x00000401u
#define SGD_SM4_CBC 0x00000402u
#define SGD_RSA 0x00010000u
#define SGD_SM2_1 0x00020100u /* SM2 signature */
#define SGD_SM2_2 0x00020200u /* SM2 key exchange */
#define SGD_SM2_3 0x00020400u /* SM2 encryption */
#define SGD_SM3 0x00000001u
#define SGD_SHA1 0x00000002u
#define SGD_SHA256 0x00000004u

/* ---- PIN types, access rights, device states and events ---- */
#define ADMIN_TYPE 0u
#define USER_TYPE 1u
#define SECURE_NEVER_ACCOUNT 0x00000000u
#define SECURE_ADM_ACCOUNT 0x00000001u
#define SECURE_USER_ACCOUNT 0x00000010u
#define SECURE_ANYONE_ACCOUNT 0x000000FFu
#define DEV_ABSENT_STATE 0u
#define DEV_PRESENT_STATE 1u
#define DEV_UNKNOW_STATE 2u
#define SKF_EVENT_INSERTED 1u /* SKF_WaitForDevEvent's *pulEvent */
#define SKF_EVENT_REMOVED 2u
#define SKF_CONTAINER_EMPTY 0u /* SKF_GetContainerType */
#define SKF_CONTAINER_RSA 1u
#define SKF_CONTAINER_ECC 2u

#define MAX_RSA_MODULUS_LEN 256
#define MAX_RSA_EXPONENT_LEN 4
#define ECC_MAX_XCOORDINATE_BITS_LEN 512
#define ECC_MAX_YCOORDINATE_BITS_LEN 512
#define ECC_MAX_MODULUS_BITS_LEN 512
#define MAX_IV_LEN 32

/* ---- return values (SAR_*) ---- */
#define SAR_OK 0x00000000u
#define SAR_FAIL 0x0A000001u
#define SAR_UNKNOWNERR 0x0A000002u
#define SAR_NOTSUPPORTYETERR 0x0A000003u
#define SAR_FILEERR 0x0A000004u
#define SAR_INVALIDHANDLEERR 0x0A000005u
#define SAR_INVALIDPARAMERR 0x0A000006u
#define SAR_READFILEERR 0x0A000007u
#define SAR_WRITEFILEERR 0x0A000008u
#define SAR_NAMELENERR 0x0A000009u
#define SAR_KEYUSAGEERR 0x0A00000Au
#define SAR_MODULUSLENERR 0x0A00000Bu
#define SAR_NOTINITIALIZEERR 0x0A00000Cu
#define SAR_OBJERR 0x0A00000Du
#define SAR_MEMORYERR 0x0A00000Eu
#define SAR_TIMEOUTERR 0x0A00000Fu
#define SAR_INDATALENERR 0x0A000010u
#define SAR_INDATAERR 0x0A000011u
#define SAR_GENRANDERR 0x0A000012u
#define SAR_HASHOBJERR 0x0A000013u
#define SAR_HASHERR 0x0A000014u
#define SAR_GENRSAKEYERR 0x0A000015u
#define SAR_RSAMODULUSLENERR 0x0A000016u
#define SAR_CSPIMPRTPUBKEYERR 0x0A000017u
#define SAR_RSAENCERR 0x0A000018u
#define SAR_RSADECERR 0x0A000019u
#define SAR_HASHNOTEQUALERR 0x0A00001Au
#define SAR_KEYNOTFOUNTERR 0x0A00001Bu /* sic: the standard's spelling */
#define SAR_CERTNOTFOUNTERR 0x0A00001Cu
#define SAR_NOTEXPORTERR 0x0A00001Du
#define SAR_DECRYPTPADERR 0x0A00001Eu
#define SAR_MACLENERR 0x0A00001Fu
#define SAR_BUFFER_TOO_SMALL 0x0A000020u
#define SAR_KEYINFOTYPEERR 0x0A000021u
#define SAR_NOT_EVENTERR 0x0A000022u
#define SAR_DEVICE_REMOVED 0x0A000023u
#define SAR_PIN_INCORRECT 0x0A000024u
#define SAR_PIN_LOCKED 0x0A000025u
#define SAR_PIN_INVALID 0x0A000026u
#define SAR_PIN_LEN_RANGE 0x0A000027u
#define SAR_USER_ALREADY_LOGGED_IN 0x0A000028u
#define SAR_USER_PIN_NOT_INITIALIZED 0x0A000029u
#define SAR_USER_TYPE_INVALID 0x0A00002Au
#define SAR_APPLICATION_NAME_INVALID 0x0A00002Bu
#define SAR_APPLICATION_EXISTS 0x0A00002Cu
#define SAR_USER_NOT_LOGGED_IN 0x0A00002Du
#define SAR_APPLICATION_NOT_EXISTS 0x0A00002Eu
#define SAR_FILE_ALREADY_EXIST 0x0A00002Fu
#define SAR_NO_ROOM 0x0A000030u
#define SAR_FILE_NOT_EXIST 0x0A000031u
#define SAR_REACH_MAX_CONTAINER_COUNT 0x0A000032u

/* ---- structures, packed to 1 byte ---- */
#pragma pack(push, 1)

typedef struct Struct_Version {
  BYTE major;
  BYTE minor;
} VERSION;

typedef struct Struct_DEVINFO {
  VERSION Version;
  CHAR Manufacturer[64]; /* NUL-terminated ASCII */
  CHAR Issuer[64];
  CHAR Label[32];
  CHAR SerialNumber[32];
  VERSION HWVersion;
  VERSION FirmwareVersion;
  ULONG AlgSymCap;
  ULONG AlgAsymCap;
  ULONG AlgHashCap;
  ULONG DevAuthAlgId; /* the block cipher of device authentication, e.g. SGD_SM4_ECB */
  ULONG TotalSpace;
  ULONG FreeSpace;
  ULONG MaxECCBufferSize;
  ULONG MaxBufferSize;
  BYTE Reserved[64];
} DEVINFO, *PDEVINFO;

typedef struct Struct_RSAPUBLICKEYBLOB {
  ULONG AlgID;
  ULONG BitLen; /* modulus bits */
  BYTE Modulus[MAX_RSA_MODULUS_LEN]; /* big-endian, right-aligned (the last BitLen/8 bytes) */
  BYTE PublicExponent[MAX_RSA_EXPONENT_LEN];
} RSAPUBLICKEYBLOB, *PRSAPUBLICKEYBLOB;

typedef struct Struct_ECCPUBLICKEYBLOB {
  ULONG BitLen; /* 256 for SM2 */
  BYTE XCoordinate[ECC_MAX_XCOORDINATE_BITS_LEN / 8];
  BYTE YCoordinate[ECC_MAX_YCOORDINATE_BITS_LEN / 8];
} ECCPUBLICKEYBLOB, *PECCPUBLICKEYBLOB;

typedef struct Struct_ECCCIPHERBLOB {
  BYTE XCoordinate[ECC_MAX_XCOORDINATE_BITS_LEN / 8];
  BYTE YCoordinate[ECC_MAX_XCOORDINATE_BITS_LEN / 8];
  BYTE HASH[32];
  ULONG CipherLen;
  BYTE Cipher[1]; /* CipherLen bytes follow */
} ECCCIPHERBLOB, *PECCCIPHERBLOB;

typedef struct Struct_ECCSIGNATUREBLOB {
  BYTE r[ECC_MAX_XCOORDINATE_BITS_LEN / 8];
  BYTE s[ECC_MAX_XCOORDINATE_BITS_LEN / 8];
} ECCSIGNATUREBLOB, *PECCSIGNATUREBLOB;

/* An encryption key pair sealed to the container's signing key (GM/T 0016-2012 6.4.10), for
 * SKF_ImportECCKeyPair. ulSymmAlgID is the symmetric algorithm (SGD_SM4_ECB) whose key
 * ECCCipherBlob carries SM2-encrypted to the signing key; cbEncryptedPriKey holds the private key
 * encrypted with that key; ECCCipherBlob ends in its variable-length Cipher. Where the 32 bytes
 * of an SM2 private key sit in cbEncryptedPriKey is not fixed by the text; see docs/skf.md. */
typedef struct SKF_ENVELOPEDKEYBLOB {
  ULONG Version; /* 1 */
  ULONG ulSymmAlgID;
  ULONG ulBits; /* 256 for SM2 */
  BYTE cbEncryptedPriKey[64];
  ECCPUBLICKEYBLOB PubKey;
  ECCCIPHERBLOB ECCCipherBlob;
} ENVELOPEDKEYBLOB, *PENVELOPEDKEYBLOB;

typedef struct Struct_BLOCKCIPHERPARAM {
  BYTE IV[MAX_IV_LEN];
  ULONG IVLen;
  ULONG PaddingType;
  ULONG FeedBitLen;
} BLOCKCIPHERPARAM, *PBLOCKCIPHERPARAM;

#pragma pack(pop)

/* ---- the functions CertRenew uses (GM/T 0016-2012 chapter 7) ---- */

/* device management */
ULONG DEVAPI SKF_WaitForDevEvent(LPSTR szDevName, ULONG* pulDevNameLen, ULONG* pulEvent);
ULONG DEVAPI SKF_CancelWaitForDevEvent(void);
ULONG DEVAPI SKF_EnumDev(BOOL bPresent, LPSTR szNameList, ULONG* pulSize);
ULONG DEVAPI SKF_ConnectDev(LPSTR szName, DEVHANDLE* phDev);
ULONG DEVAPI SKF_DisConnectDev(DEVHANDLE hDev);
ULONG DEVAPI SKF_GetDevState(LPSTR szDevName, ULONG* pulDevState);
ULONG DEVAPI SKF_GetDevInfo(DEVHANDLE hDev, DEVINFO* pDevInfo);

/* access control */
ULONG DEVAPI SKF_DevAuth(DEVHANDLE hDev, BYTE* pbAuthData, ULONG ulLen);
ULONG DEVAPI SKF_ChangePIN(HAPPLICATION hApplication, ULONG ulPINType, LPSTR szOldPin,
                           LPSTR szNewPin, ULONG* pulRetryCount);
ULONG DEVAPI SKF_GetPINInfo(HAPPLICATION hApplication, ULONG ulPINType, ULONG* pulMaxRetryCount,
                            ULONG* pulRemainRetryCount, BOOL* pbDefaultPin);
ULONG DEVAPI SKF_VerifyPIN(HAPPLICATION hApplication, ULONG ulPINType, LPSTR szPIN,
                           ULONG* pulRetryCount);
ULONG DEVAPI SKF_UnblockPIN(HAPPLICATION hApplication, LPSTR szAdminPIN, LPSTR szNewUserPIN,
                            ULONG* pulRetryCount);
ULONG DEVAPI SKF_ClearSecureState(HAPPLICATION hApplication);

/* applications */
ULONG DEVAPI SKF_EnumApplication(DEVHANDLE hDev, LPSTR szAppName, ULONG* pulSize);
ULONG DEVAPI SKF_OpenApplication(DEVHANDLE hDev, LPSTR szAppName, HAPPLICATION* phApplication);
ULONG DEVAPI SKF_CloseApplication(HAPPLICATION hApplication);

/* containers */
ULONG DEVAPI SKF_CreateContainer(HAPPLICATION hApplication, LPSTR szContainerName,
                                 HCONTAINER* phContainer);
ULONG DEVAPI SKF_DeleteContainer(HAPPLICATION hApplication, LPSTR szContainerName);
ULONG DEVAPI SKF_EnumContainer(HAPPLICATION hApplication, LPSTR szContainerName, ULONG* pulSize);
ULONG DEVAPI SKF_OpenContainer(HAPPLICATION hApplication, LPSTR szContainerName,
                               HCONTAINER* phContainer);
ULONG DEVAPI SKF_CloseContainer(HCONTAINER hContainer);
ULONG DEVAPI SKF_GetContainerType(HCONTAINER hContainer, ULONG* pulContainerType);
ULONG DEVAPI SKF_ImportCertificate(HCONTAINER hContainer, BOOL bSignFlag, BYTE* pbCert,
                                   ULONG ulCertLen);
ULONG DEVAPI SKF_ExportCertificate(HCONTAINER hContainer, BOOL bSignFlag, BYTE* pbCert,
                                   ULONG* pulCertLen);

/* cryptographic services */
ULONG DEVAPI SKF_GenRandom(DEVHANDLE hDev, BYTE* pbRandom, ULONG ulRandomLen);
ULONG DEVAPI SKF_GenRSAKeyPair(HCONTAINER hContainer, ULONG ulBitsLen, RSAPUBLICKEYBLOB* pBlob);
ULONG DEVAPI SKF_RSASignData(HCONTAINER hContainer, BYTE* pbData, ULONG ulDataLen,
                             BYTE* pbSignature, ULONG* pulSignLen);
ULONG DEVAPI SKF_GenECCKeyPair(HCONTAINER hContainer, ULONG ulAlgId, ECCPUBLICKEYBLOB* pBlob);
ULONG DEVAPI SKF_ECCSignData(HCONTAINER hContainer, BYTE* pbData, ULONG ulDataLen,
                             ECCSIGNATUREBLOB* pSignature);
ULONG DEVAPI SKF_ExportPublicKey(HCONTAINER hContainer, BOOL bSignFlag, BYTE* pbBlob,
                                 ULONG* pulBlobLen);
/* dual certificates: the encryption key pair delivered by the CA, and opening what was sealed to
 * it (an SM4 session key SM2-encrypted to the encryption key, as an ECCCIPHERBLOB) */
ULONG DEVAPI SKF_ImportECCKeyPair(HCONTAINER hContainer, PENVELOPEDKEYBLOB pEnvelopedKeyBlob);
ULONG DEVAPI SKF_ImportSessionKey(HCONTAINER hContainer, ULONG ulAlgId, BYTE* pbWrapedData,
                                  ULONG ulWrapedLen, HANDLE* phKey);
ULONG DEVAPI SKF_DecryptInit(HANDLE hKey, BLOCKCIPHERPARAM DecryptParam);
ULONG DEVAPI SKF_Decrypt(HANDLE hKey, BYTE* pbEncryptedData, ULONG ulEncryptedLen, BYTE* pbData,
                         ULONG* pulDataLen);
ULONG DEVAPI SKF_CloseHandle(HANDLE hHandle);

#ifdef __cplusplus
}
#endif

#endif /* CERTRENEW_SKF_GMT0016_H */
